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
pub mod partner_lines;
pub mod payout_report;
pub mod payouts;
pub mod plan_edits;
pub mod plans;
pub mod preview;
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

/// Stored minor units of `currency` as money.
pub use crate::db::columns::stored_money as money_of;

/// Stored minor units of `currency` as an amount.
pub fn amount_of(minor: i64, currency: &str) -> Result<Decimal, ApiError> {
    money_of(minor, currency).map(|m| m.amount)
}

/// A user's stored monthly base salary as an amount in `currency`, or none when it has none or
/// it is in another currency (no cap, no default for the simulator).
pub fn salary_in(
    minor: Option<i64>,
    salary_currency: Option<&str>,
    currency: &str,
) -> Result<Option<Decimal>, ApiError> {
    match minor {
        Some(m) if salary_currency == Some(currency) => amount_of(m, currency).map(Some),
        _ => Ok(None),
    }
}

/// The minor-unit digits of a currency Closebook stored (so an unknown one is a 500).
pub fn digits(currency: &str) -> Result<u32, ApiError> {
    closebook_shared::money::minor_unit_digits(currency)
        .map_err(|e| ApiError::internal(format!("stored currency: {e}")))
}

/// Event times sent in (payments, refunds, sales, cancellations) may not lie in the future; a
/// few minutes of clock difference between systems is not the future.
pub fn not_future(field: &str, at: chrono::NaiveDateTime) -> Result<(), ApiError> {
    if at > crate::time::now() + chrono::Duration::minutes(5) {
        return Err(ApiError::field(field, "must not be in the future"));
    }
    Ok(())
}
