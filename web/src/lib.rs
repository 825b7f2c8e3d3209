//! Closebook's browser app (Leptos CSR, built by Trunk), in three portals that share this
//! library: the field portal (`src/main.rs`: sign-in, dashboard, leads, pipeline, activity,
//! profile) at `/`, the commission portal (`src/commission.rs`) under `/commissions`, and the
//! office portal (`src/office.rs`: admin and finance) under `/admin` and `/finance`. Each portal
//! is its own wasm bundle, so each stays within the bundle budget (DESIGN.md §7); links between
//! them are full page loads (`closebook_shared::portal`, `app::leaves`).

pub mod api;
pub mod app;
pub mod components;
pub mod pages;
