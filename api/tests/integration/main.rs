//! Every integration test of the API, in one binary: one link instead of twenty, and the
//! harness (`common`) compiled once. Each module is what used to be its own test target; run
//! one with `cargo nextest run -p closebook-api --test integration -E 'test(/^orders::/)'`.

#[macro_use]
mod common;

mod addresses;
mod allocations;
mod analytics;
mod auth;
mod commissions;
mod conventions;
mod dashboards;
mod group_commit;
mod openapi;
mod orders;
mod partner_analytics;
mod partner_invoices;
mod partners;
mod passwords;
mod pipeline;
mod product_images;
mod resources;
mod role_matrix;
mod schema;
mod shipments;
mod stored_values;
mod support;
mod targets;
mod territories;
mod users_teams;
