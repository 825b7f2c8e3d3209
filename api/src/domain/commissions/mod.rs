//! Commission rules that need the database: which plan is in force, the organisation's calendar,
//! and (next) the ledger's sources, jobs and payouts. The maths is `closebook_shared::commissions`.

pub mod approval;
pub mod billing;
pub mod calendar;
pub mod calendar_jobs;
pub mod close;
pub mod disputes;
pub mod eligibility;
pub mod invoices;
pub mod ledger;
pub mod payout_report;
pub mod payouts;
pub mod plan_edits;
pub mod plans;
pub mod refunds;
pub mod reports;
pub mod simulate;
pub mod sources;
pub mod statement_pdf;
pub mod statements;
pub mod summary;
pub mod upsells;

use closebook_shared::Money;
use rust_decimal::Decimal;

use crate::error::ApiError;

/// A commission amount (already in the currency's decimals) as the minor units stored.
pub fn minor_units(amount: Decimal, currency: &str) -> Result<i64, ApiError> {
    Money::new(amount, currency)
        .to_minor()
        .map_err(|e| ApiError::internal(format!("commission amount: {e}")))
}

/// Stored minor units of `currency` as an amount.
pub fn amount_of(minor: i64, currency: &str) -> Result<Decimal, ApiError> {
    Money::from_minor(minor, currency)
        .map(|m| m.amount)
        .map_err(|e| ApiError::internal(format!("stored amount: {e}")))
}
