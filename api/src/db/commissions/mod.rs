//! Commission rows: plans and their versions and assignments (and, next, the ledger).

pub mod plans;
