//! Commission rules that need the database: which plan is in force, the organisation's calendar,
//! and (next) the ledger's sources, jobs and payouts. The maths is `closebook_shared::commissions`.

pub mod approval;
pub mod calendar;
pub mod eligibility;
pub mod invoices;
pub mod plan_edits;
pub mod plans;
pub mod simulate;
pub mod sources;
