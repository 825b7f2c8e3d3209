//! Compensation plans, quotas, billing (invoices, refunds, upsells), the commission ledger, its
//! statuses, statements and payouts; and the numbering and job bookkeeping they brought
//! (counters, outbox positions, job runs).

diesel::table! {
    compensation_plans (id) {
        id -> Text,
        name -> Text,
        currency -> Text,
        default_for_role -> Nullable<Text>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    plan_versions (id) {
        id -> Text,
        plan_id -> Text,
        number -> Integer,
        effective_from -> Date,
        rules_json -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    plan_assignments (id) {
        id -> Text,
        user_id -> Text,
        plan_id -> Text,
        effective_from -> Date,
        monthly_quota_minor -> Nullable<BigInt>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    team_quotas (team_id, effective_from) {
        team_id -> Text,
        effective_from -> Date,
        monthly_quota_minor -> BigInt,
        currency -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    invoices (id) {
        id -> Text,
        number -> Text,
        external_id -> Nullable<Text>,
        client_id -> Text,
        amount_minor -> BigInt,
        currency -> Text,
        service_month -> Text,
        paid_at -> Nullable<Timestamp>,
        refunded_minor -> BigInt,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    refunds (id) {
        id -> Text,
        external_id -> Nullable<Text>,
        invoice_id -> Nullable<Text>,
        client_id -> Nullable<Text>,
        amount_minor -> BigInt,
        currency -> Text,
        refunded_at -> Timestamp,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    counters (name) {
        name -> Text,
        value -> BigInt,
    }
}

diesel::table! {
    upsells (id) {
        id -> Text,
        client_id -> Text,
        product -> Text,
        price_minor -> BigInt,
        currency -> Text,
        sold_at -> Nullable<Timestamp>,
        rep_id -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    commission_lines (id) {
        id -> Text,
        rep_id -> Text,
        line_type -> Text,
        source_type -> Text,
        source_id -> Text,
        plan_version_id -> Nullable<Text>,
        base_minor -> BigInt,
        rate -> Nullable<Text>,
        amount_minor -> BigInt,
        currency -> Text,
        period -> Text,
        source_at -> Timestamp,
        earns_at -> Nullable<Timestamp>,
        related_line_id -> Nullable<Text>,
        explanation_json -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    commission_status_history (id) {
        id -> Text,
        line_id -> Text,
        status -> Text,
        actor_id -> Nullable<Text>,
        reason -> Nullable<Text>,
        reference -> Nullable<Text>,
        at -> Timestamp,
    }
}

diesel::table! {
    commission_line_status (line_id) {
        line_id -> Text,
        status -> Text,
        before_dispute -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    payouts (id) {
        id -> Text,
        period -> Text,
        reference -> Text,
        line_count -> BigInt,
        total_minor -> BigInt,
        currency -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    commission_statements (rep_id, period, currency) {
        rep_id -> Text,
        period -> Text,
        currency -> Text,
        line_count -> BigInt,
        net_minor -> BigInt,
        totals_json -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    outbox_positions (consumer) {
        consumer -> Text,
        last_event_id -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    job_runs (job, run_key) {
        job -> Text,
        run_key -> Text,
        claimed_by -> Text,
        claimed_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
        report_json -> Nullable<Text>,
    }
}
