//! Commissions over HTTP, on both databases: the simulator (and, as they land, plans, the
//! ledger, approvals and payouts).

mod billing;
mod close;
mod ledger;
mod payroll;
mod plans;
mod refunds;
mod simulate;
mod support;
mod upsells;

use billing::billing_events_are_signed_and_idempotent;
use close::the_monthly_close_writes_what_the_month_owes_once;
use ledger::{
    lines_are_earned_then_approved, paid_invoices_earn_the_locked_residual,
    the_ledger_refuses_updates_and_deletes, won_deals_write_lines_once,
};
use payroll::disputes_approvals_payouts_and_the_report;
use plans::{a_draft_plan_is_previewed_on_last_month, plans_versions_and_assignments};
use refunds::refunds_claw_back_within_the_window;
use simulate::{simulate_a_month_under_the_default_plan, simulate_refuses_bad_input_by_field};
use upsells::upsells_earn_ten_percent_once_sold;

on_both_backends!(
    disputes_approvals_payouts_and_the_report,
    the_monthly_close_writes_what_the_month_owes_once,
    upsells_earn_ten_percent_once_sold,
    billing_events_are_signed_and_idempotent,
    refunds_claw_back_within_the_window,
    paid_invoices_earn_the_locked_residual,
    lines_are_earned_then_approved,
    won_deals_write_lines_once,
    the_ledger_refuses_updates_and_deletes,
    plans_versions_and_assignments,
    a_draft_plan_is_previewed_on_last_month,
    simulate_a_month_under_the_default_plan,
    simulate_refuses_bad_input_by_field
);
