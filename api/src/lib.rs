//! Closebook's server: actix-web over diesel (SQLite or PostgreSQL), with the REST API, auth,
//! audit, outbox and the built web app. `build_app` is the whole application, used by the binary
//! and by the integration tests alike.

#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod app;
pub mod audit;
pub mod auth;
pub mod authz;
pub mod cli;
pub mod concurrency;
pub mod config;
pub mod context;
pub mod db;
pub mod domain;
pub mod error;
pub mod extract;
pub mod jobs;
pub mod media;
pub mod middleware;
pub mod openapi;
pub mod outbox;
pub mod pagination;
pub mod params;
pub mod pdf;
pub mod reply;
pub mod routes;
pub mod seed;
pub mod seed_commissions;
pub mod seed_demo;
pub mod seed_orders;
pub mod seed_pipeline;
pub mod seed_targets;
pub mod seed_territories;
pub mod telemetry;
pub mod time;
pub mod web_app;

pub use app::{AppState, build_app, openapi_document};
