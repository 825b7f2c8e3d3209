//! Targets, satisfaction scores and scorecard snapshots (issue 12).

diesel::table! {
    targets (id) {
        id -> Text,
        target_type -> Text,
        assignee_id -> Nullable<Text>,
        city -> Nullable<Text>,
        subject_key -> Text,
        period_type -> Text,
        period_start -> Date,
        period_end -> Date,
        metric_type -> Text,
        target_value -> Text,
        cancelled -> Bool,
        created_by -> Nullable<Text>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    satisfaction_scores (id) {
        id -> Text,
        client_id -> Text,
        rep_id -> Text,
        score -> Integer,
        comment -> Nullable<Text>,
        recorded_by -> Nullable<Text>,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    scorecard_snapshots (rep_id, week_start) {
        rep_id -> Text,
        week_start -> Date,
        counts_json -> Text,
        created_at -> Timestamp,
    }
}
