//! Wholesale partner accounts, the catalogue and orders (issue 13).

diesel::table! {
    partners (id) {
        id -> Text,
        business_name -> Text,
        name_key -> Text,
        business_type -> Text,
        tax_id -> Nullable<Text>,
        contact_name -> Text,
        email -> Text,
        phone -> Text,
        website -> Nullable<Text>,
        address_line1 -> Text,
        address_line2 -> Nullable<Text>,
        city -> Text,
        region -> Text,
        postal_code -> Text,
        country -> Text,
        tier -> Text,
        currency -> Text,
        credit_limit_minor -> BigInt,
        payment_terms -> Text,
        status -> Text,
        status_reason -> Nullable<Text>,
        rep_id -> Nullable<Text>,
        account_manager_id -> Nullable<Text>,
        lead_id -> Nullable<Text>,
        applied_by -> Nullable<Text>,
        approved_by -> Nullable<Text>,
        approved_at -> Nullable<Timestamp>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    products (id) {
        id -> Text,
        sku -> Text,
        name -> Text,
        name_key -> Text,
        category -> Text,
        subcategory -> Nullable<Text>,
        description -> Nullable<Text>,
        currency -> Text,
        msrp_minor -> BigInt,
        wholesale_minor -> BigInt,
        cost_minor -> BigInt,
        case_pack -> Integer,
        min_order_qty -> Integer,
        stock -> BigInt,
        reorder_point -> BigInt,
        allergens -> Text,
        certifications -> Text,
        nutrition -> Text,
        storage_temp -> Nullable<Text>,
        shelf_life_days -> Integer,
        active -> Bool,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    orders (id) {
        id -> Text,
        number -> Text,
        partner_id -> Text,
        rep_id -> Nullable<Text>,
        placed_by -> Nullable<Text>,
        status -> Text,
        currency -> Text,
        discount_percent -> Integer,
        units -> BigInt,
        msrp_total_minor -> BigInt,
        subtotal_minor -> BigInt,
        payment_terms -> Text,
        paid_at -> Nullable<Timestamp>,
        po_number -> Nullable<Text>,
        ship_recipient -> Text,
        ship_line1 -> Text,
        ship_line2 -> Nullable<Text>,
        ship_city -> Text,
        ship_region -> Text,
        ship_postal_code -> Text,
        ship_country -> Text,
        dock_instructions -> Nullable<Text>,
        dock_hours -> Nullable<Text>,
        requires_appointment -> Bool,
        special_instructions -> Nullable<Text>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    order_lines (order_id, line_no) {
        order_id -> Text,
        line_no -> Integer,
        product_id -> Text,
        sku -> Text,
        name -> Text,
        quantity -> BigInt,
        case_pack -> Integer,
        unit_msrp_minor -> BigInt,
        unit_price_minor -> BigInt,
        subtotal_minor -> BigInt,
    }
}

diesel::table! {
    order_events (id) {
        id -> Text,
        order_id -> Text,
        from_status -> Nullable<Text>,
        to_status -> Text,
        by_user -> Nullable<Text>,
        note -> Nullable<Text>,
        at -> Timestamp,
    }
}

diesel::table! {
    partner_invoices (id) {
        id -> Text,
        number -> Text,
        order_id -> Text,
        partner_id -> Text,
        payment_terms -> Text,
        currency -> Text,
        subtotal_minor -> BigInt,
        late_fee_minor -> BigInt,
        issued_at -> Timestamp,
        due_at -> Timestamp,
        paid_at -> Nullable<Timestamp>,
        payment_reference -> Nullable<Text>,
        paid_by -> Nullable<Text>,
        cancelled_at -> Nullable<Timestamp>,
        due_soon_sent_at -> Nullable<Timestamp>,
        overdue_sent_at -> Nullable<Timestamp>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    shipments (id) {
        id -> Text,
        order_id -> Text,
        partner_id -> Text,
        carrier -> Text,
        service -> Nullable<Text>,
        tracking_number -> Text,
        status -> Text,
        current_location -> Nullable<Text>,
        estimated_delivery -> Nullable<Timestamp>,
        packages -> Integer,
        delivered_at -> Nullable<Timestamp>,
        signed_by -> Nullable<Text>,
        temperature_controlled -> Bool,
        target_tenths -> Integer,
        tolerance_tenths -> Integer,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    shipment_events (id) {
        id -> Text,
        shipment_id -> Text,
        status -> Text,
        location -> Text,
        description -> Nullable<Text>,
        at -> Timestamp,
    }
}

diesel::table! {
    temperature_readings (id) {
        id -> Text,
        shipment_id -> Text,
        at -> Timestamp,
        tenths -> Integer,
        location -> Nullable<Text>,
    }
}

diesel::table! {
    marketing_assets (id) {
        id -> Text,
        title -> Text,
        description -> Nullable<Text>,
        category -> Text,
        url -> Text,
        min_tier -> Nullable<Text>,
        downloads -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    video_guides (id) {
        id -> Text,
        title -> Text,
        description -> Nullable<Text>,
        category -> Text,
        duration_seconds -> Integer,
        url -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    video_progress (user_id, video_id) {
        user_id -> Text,
        video_id -> Text,
        watched_seconds -> Integer,
        completed -> Bool,
        rating -> Nullable<Integer>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    partner_integrations (partner_id, provider) {
        partner_id -> Text,
        provider -> Text,
        status -> Text,
        connected_at -> Timestamp,
        last_sync_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    product_images (id) {
        id -> Text,
        product_id -> Text,
        position -> Integer,
        content_type -> Text,
        byte_size -> BigInt,
        width -> Integer,
        height -> Integer,
        sha256 -> Text,
        storage_key -> Text,
        uploaded_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    support_tickets (id) {
        id -> Text,
        number -> Text,
        partner_id -> Text,
        opened_by -> Text,
        category -> Text,
        order_id -> Nullable<Text>,
        subject -> Text,
        body -> Text,
        status -> Text,
        resolution -> Nullable<Text>,
        resolved_by -> Nullable<Text>,
        resolved_at -> Nullable<Timestamp>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    shipping_addresses (id) {
        id -> Text,
        partner_id -> Text,
        label -> Text,
        label_key -> Text,
        recipient_name -> Text,
        line1 -> Text,
        line2 -> Nullable<Text>,
        city -> Text,
        region -> Text,
        postal_code -> Text,
        country -> Text,
        dock_instructions -> Nullable<Text>,
        dock_hours -> Nullable<Text>,
        requires_appointment -> Bool,
        is_default -> Bool,
        created_at -> Timestamp,
    }
}
