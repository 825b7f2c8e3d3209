//! Territories, their assignments, allocation, notifications and placement runs (issue 11).

diesel::table! {
    territories (id) {
        id -> Text,
        name -> Text,
        slug -> Text,
        kind -> Text,
        parent_id -> Nullable<Text>,
        color -> Text,
        priority_weight -> Integer,
        active -> Bool,
        geometry -> Nullable<Text>,
        west_e6 -> Nullable<BigInt>,
        south_e6 -> Nullable<BigInt>,
        east_e6 -> Nullable<BigInt>,
        north_e6 -> Nullable<BigInt>,
        zip_codes -> Text,
        cities -> Text,
        states -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    territory_assignments (id) {
        id -> Text,
        territory_id -> Text,
        user_id -> Text,
        role -> Text,
        is_primary -> Bool,
        effective_from -> Date,
        effective_to -> Nullable<Date>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    rep_intake (user_id) {
        user_id -> Text,
        availability -> Text,
        intake_paused -> Bool,
        capacity -> Nullable<Integer>,
        skills -> Text,
        last_allocated -> Nullable<BigInt>,
        version -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    allocation_sequence (id) {
        id -> Integer,
        last -> BigInt,
    }
}

diesel::table! {
    allocations (id) {
        id -> Text,
        lead_id -> Text,
        rm_id -> Nullable<Text>,
        allocation_type -> Text,
        allocation_reason -> Text,
        priority -> Integer,
        status -> Text,
        allocated_at -> Timestamp,
        accepted_at -> Nullable<Timestamp>,
        first_action_at -> Nullable<Timestamp>,
        sla_deadline -> Timestamp,
        is_reassignment -> Bool,
        previous_rm_id -> Nullable<Text>,
        reassignment_reason -> Nullable<Text>,
        rejection_reason -> Nullable<Text>,
        superseded_by -> Nullable<Text>,
        sequence -> BigInt,
        trace -> Text,
        allocated_by -> Nullable<Text>,
        ended_at -> Nullable<Timestamp>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    notifications (id) {
        id -> Text,
        user_id -> Text,
        kind -> Text,
        title -> Text,
        body -> Text,
        link -> Nullable<Text>,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    placement_runs (id) {
        id -> Text,
        status -> Text,
        reason -> Text,
        total -> BigInt,
        processed -> BigInt,
        moved -> BigInt,
        after_id -> Nullable<Text>,
        worker -> Nullable<Text>,
        heartbeat_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        started_at -> Nullable<Timestamp>,
        finished_at -> Nullable<Timestamp>,
    }
}
