//! Table definitions, matching both migration sets (a test compares them).

mod commission_tables;
mod partner_tables;
mod target_tables;
mod territory_tables;

pub use commission_tables::*;
pub use partner_tables::*;
pub use target_tables::*;
pub use territory_tables::*;

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        email_key -> Text,
        name -> Text,
        password_hash -> Text,
        role -> Text,
        phone -> Nullable<Text>,
        title -> Nullable<Text>,
        employee_id -> Nullable<Text>,
        manager_id -> Nullable<Text>,
        team_id -> Nullable<Text>,
        hire_date -> Nullable<Date>,
        base_salary_minor -> Nullable<BigInt>,
        base_salary_currency -> Nullable<Text>,
        time_zone -> Text,
        active -> Bool,
        must_change_password -> Bool,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        token_generation -> BigInt,
        tokens_revoked_at -> Nullable<Timestamp>,
        partner_id -> Nullable<Text>,
    }
}

diesel::table! {
    teams (id) {
        id -> Text,
        name -> Text,
        name_key -> Text,
        manager_id -> Nullable<Text>,
        city -> Nullable<Text>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Text,
        user_id -> Text,
        family_id -> Text,
        token_hash -> Text,
        issued_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    service_tokens (id) {
        id -> Text,
        name -> Text,
        token_hash -> Text,
        prefix -> Text,
        role -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Nullable<Timestamp>,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_attempts (id) {
        id -> Text,
        email_key -> Text,
        ip -> Text,
        succeeded -> Bool,
        at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        actor_kind -> Text,
        action -> Text,
        entity_type -> Text,
        entity_id -> Nullable<Text>,
        before_json -> Nullable<Text>,
        after_json -> Nullable<Text>,
        request_id -> Nullable<Text>,
    }
}

diesel::table! {
    idempotency_keys (principal, idem_key) {
        principal -> Text,
        idem_key -> Text,
        method -> Text,
        path -> Text,
        request_hash -> Text,
        status_code -> Nullable<Integer>,
        response_body -> Nullable<Text>,
        created_at -> Timestamp,
        response_headers -> Nullable<Text>,
    }
}

diesel::table! {
    outbox_events (id) {
        id -> Text,
        event_type -> Text,
        aggregate_type -> Text,
        aggregate_id -> Text,
        payload -> Text,
        occurred_at -> Timestamp,
        published_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    settings (id) {
        id -> Integer,
        org_name -> Text,
        currency -> Text,
        time_zone -> Text,
        week_start -> Text,
        cold_outreach_allowed -> Bool,
        version -> BigInt,
        updated_at -> Timestamp,
        billing_webhook_secret -> Nullable<Text>,
        approval_threshold_minor -> Nullable<BigInt>,
        allocation_geographic -> Bool,
        allocation_max_active_leads -> Integer,
        allocation_skill_match -> Text,
        allocation_high_value_minor -> Nullable<BigInt>,
        allocation_high_performer_score -> Integer,
        allocation_sla_minutes -> Integer,
        production_green_per_month -> Integer,
        production_yellow_per_month -> Integer,
        map_tile_url -> Nullable<Text>,
        leak_new_contacts_per_week -> Integer,
        leak_follow_ups_per_week -> Nullable<Integer>,
        leak_referral_asks_per_month -> Nullable<Integer>,
        presentation_overfocus_threshold -> Integer,
        partner_starter_discount_percent -> Integer,
        partner_growth_discount_percent -> Integer,
        partner_enterprise_discount_percent -> Integer,
    }
}

diesel::table! {
    pipelines (id) {
        id -> Text,
        name -> Text,
        name_key -> Text,
        is_default -> Bool,
        built_in -> Bool,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    pipeline_stages (id) {
        id -> Text,
        pipeline_id -> Text,
        stage_key -> Text,
        name -> Text,
        position -> Integer,
        probability -> Integer,
        kind -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    leads (id) {
        id -> Text,
        company -> Text,
        company_key -> Text,
        contact_name -> Nullable<Text>,
        contact_title -> Nullable<Text>,
        email -> Nullable<Text>,
        email_key -> Nullable<Text>,
        phone -> Nullable<Text>,
        phone_key -> Nullable<Text>,
        website -> Nullable<Text>,
        address -> Nullable<Text>,
        city -> Nullable<Text>,
        state -> Nullable<Text>,
        zip -> Nullable<Text>,
        dedupe_key -> Nullable<Text>,
        latitude_e6 -> Nullable<BigInt>,
        longitude_e6 -> Nullable<BigInt>,
        source_type -> Nullable<Text>,
        source_channel -> Nullable<Text>,
        introduced_by -> Nullable<Text>,
        owner_id -> Nullable<Text>,
        pipeline_id -> Text,
        stage_id -> Text,
        outcome -> Text,
        lost_reason -> Nullable<Text>,
        closed_at -> Nullable<Timestamp>,
        client_id -> Nullable<Text>,
        deal_value_minor -> Nullable<BigInt>,
        deal_currency -> Nullable<Text>,
        estimated_units -> Nullable<BigInt>,
        probability -> Integer,
        expected_close_date -> Nullable<Date>,
        budget -> Nullable<Text>,
        authority -> Nullable<Text>,
        need -> Nullable<Text>,
        timeline -> Nullable<Text>,
        competitors -> Text,
        next_action -> Nullable<Text>,
        next_contact_at -> Nullable<Timestamp>,
        last_contact_at -> Nullable<Timestamp>,
        follow_up_count -> Integer,
        follow_up_cadence_days -> Nullable<Integer>,
        permission_to_follow_up -> Nullable<Bool>,
        personal_details -> Nullable<Text>,
        referral_ask_status -> Text,
        referral_ask_at -> Nullable<Timestamp>,
        referral_count -> Integer,
        referral_names -> Text,
        sales_stage -> Nullable<Text>,
        display_sales_stage -> Text,
        incomplete -> Bool,
        score -> Integer,
        score_factors -> Text,
        tags -> Text,
        created_by -> Nullable<Text>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        territory_id -> Nullable<Text>,
    }
}

diesel::table! {
    lead_history (id) {
        id -> Text,
        lead_id -> Text,
        kind -> Text,
        from_stage_id -> Nullable<Text>,
        to_stage_id -> Nullable<Text>,
        from_owner_id -> Nullable<Text>,
        to_owner_id -> Nullable<Text>,
        outcome -> Nullable<Text>,
        note -> Nullable<Text>,
        actor_id -> Nullable<Text>,
        at -> Timestamp,
    }
}

diesel::table! {
    activities (id) {
        id -> Text,
        lead_id -> Text,
        user_id -> Nullable<Text>,
        kind -> Text,
        subject -> Nullable<Text>,
        notes -> Nullable<Text>,
        outcome -> Nullable<Text>,
        duration_minutes -> Nullable<Integer>,
        scheduled_at -> Nullable<Timestamp>,
        completed_at -> Nullable<Timestamp>,
        at -> Timestamp,
        follow_up_at -> Nullable<Timestamp>,
        follow_up_note -> Nullable<Text>,
        location -> Nullable<Text>,
        latitude_e6 -> Nullable<BigInt>,
        longitude_e6 -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    lead_notes (id) {
        id -> Text,
        lead_id -> Text,
        author_id -> Nullable<Text>,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    touches (id) {
        id -> Text,
        lead_id -> Text,
        user_id -> Nullable<Text>,
        kind -> Text,
        notes -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    scripts (id) {
        id -> Text,
        slug -> Text,
        sales_stage -> Text,
        kind -> Text,
        title -> Text,
        subject -> Nullable<Text>,
        body -> Text,
        active -> Bool,
        created_by -> Nullable<Text>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    clients (id) {
        id -> Text,
        lead_id -> Text,
        name -> Text,
        owner_id -> Text,
        deal_value_minor -> Nullable<BigInt>,
        deal_currency -> Nullable<Text>,
        signed_at -> Timestamp,
        created_at -> Timestamp,
        residual_locked_minor -> Nullable<BigInt>,
        residual_currency -> Nullable<Text>,
        cancelled_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(plan_assignments -> compensation_plans (plan_id));
diesel::joinable!(commission_line_status -> commission_lines (line_id));
diesel::joinable!(commission_lines -> users (rep_id));
diesel::joinable!(lead_history -> leads (lead_id));
diesel::joinable!(orders -> partners (partner_id));
diesel::joinable!(order_lines -> orders (order_id));
diesel::joinable!(support_tickets -> partners (partner_id));
diesel::joinable!(partner_invoices -> orders (order_id));
diesel::joinable!(partner_invoices -> partners (partner_id));
diesel::joinable!(shipments -> orders (order_id));
diesel::joinable!(shipments -> partners (partner_id));
diesel::joinable!(video_progress -> video_guides (video_id));
diesel::joinable!(product_images -> products (product_id));

diesel::allow_tables_to_appear_in_same_query!(
    users,
    teams,
    refresh_tokens,
    service_tokens,
    login_attempts,
    audit_log,
    idempotency_keys,
    outbox_events,
    settings,
    pipelines,
    pipeline_stages,
    leads,
    lead_history,
    activities,
    lead_notes,
    touches,
    scripts,
    clients,
    compensation_plans,
    plan_versions,
    plan_assignments,
    team_quotas,
    invoices,
    counters,
    refunds,
    upsells,
    commission_lines,
    commission_status_history,
    commission_line_status,
    payouts,
    commission_statements,
    outbox_positions,
    job_runs,
    territories,
    territory_assignments,
    rep_intake,
    allocation_sequence,
    allocations,
    notifications,
    placement_runs,
    targets,
    satisfaction_scores,
    scorecard_snapshots,
    partners,
    products,
    product_images,
    support_tickets,
    shipping_addresses,
    orders,
    order_lines,
    order_events,
    partner_invoices,
    shipments,
    shipment_events,
    temperature_readings,
    marketing_assets,
    video_guides,
    video_progress,
    partner_integrations,
);
