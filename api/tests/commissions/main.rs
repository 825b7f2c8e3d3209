//! Commissions over HTTP, on both databases: the simulator (and, as they land, plans, the
//! ledger, approvals and payouts).

#[path = "../common/mod.rs"]
mod common;

mod plans;
mod simulate;

use plans::plans_versions_and_assignments;
use simulate::{simulate_a_month_under_the_default_plan, simulate_refuses_bad_input_by_field};

on_both_backends!(
    plans_versions_and_assignments,
    simulate_a_month_under_the_default_plan,
    simulate_refuses_bad_input_by_field
);
