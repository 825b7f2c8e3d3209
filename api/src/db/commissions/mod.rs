//! Commission rows: plans, their versions and assignments; the ledger.

pub mod invoices;
pub mod lines;
pub mod payouts;
pub mod plans;
pub mod refunds;
pub mod upsells;
