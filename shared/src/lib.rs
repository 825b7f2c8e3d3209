//! Closebook's shared vocabulary: the DTOs the API speaks, its error codes, money, and the pure
//! business rules (commission, residual, scoring maths) that the server and the browser must agree
//! on to the cent. Nothing here touches a database, a socket or an async runtime, so it compiles
//! for `wasm32-unknown-unknown`. The `openapi` feature adds utoipa schema derives for the server.

#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod activities;
pub mod allocation;
pub mod analytics;
pub mod audit;
pub mod auth;
pub mod billing;
pub mod catalogue;
pub mod clients;
pub mod commission_lines;
pub mod commissions;
pub mod compensation_plans;
pub mod dashboards;
pub mod error;
pub mod events;
pub mod follow_up;
pub mod invoices;
pub mod leads;
pub mod money;
pub mod notifications;
pub mod orders;
pub mod page;
pub mod partner_analytics;
pub mod partner_invoices;
pub mod partners;
pub mod patch;
pub mod pipelines;
pub mod portal;
pub mod resources;
pub mod role;
pub mod sales_lens;
pub mod scoring;
pub mod scripts;
pub mod service_tokens;
pub mod settings;
pub mod shipments;
pub mod support;
pub mod targets;
pub mod teams;
pub mod territories;
pub mod tz;
pub mod upsells;
pub mod users;
pub mod validate;
mod wire;

pub use error::{ErrorCode, FieldError, Problem};
pub use money::Money;
pub use page::Page;
pub use role::Role;
