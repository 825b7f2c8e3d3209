//! Rules that need the database. Pure rules live in `closebook-shared`.

pub mod activities;
pub mod allocations;
pub mod analytics;
pub mod catalogue;
pub mod clients;
pub mod commissions;
pub mod dashboards;
pub mod leads;
pub mod orders;
pub mod partner_invoices;
pub mod partners;
pub mod pipelines;
pub mod resources;
pub mod sales_reports;
pub mod scripts;
pub mod service_tokens;
pub mod settings;
pub mod shipments;
pub mod support;
pub mod targets;
pub mod teams;
pub mod territories;
pub mod users;

use closebook_shared::Role;
use uuid::Uuid;

use crate::db::{DbConn, teams as team_rows, users as user_rows};
use crate::error::ApiError;

/// Optional text as stored: trimmed, and `None` when nothing is left.
pub fn trimmed(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// IANA time zone names, checked against the tz database.
pub fn check_time_zone(field: &str, tz: &str) -> Result<(), ApiError> {
    tz.parse::<chrono_tz::Tz>().map(|_| ()).map_err(|_| {
        ApiError::field(
            field,
            format!("`{tz}` is not an IANA time zone (e.g. Europe/London)"),
        )
    })
}

/// A referenced manager must exist, be active and manage people (sales manager or admin).
pub fn check_manager(conn: &mut DbConn, field: &str, id: Uuid) -> Result<(), ApiError> {
    match user_rows::find(conn, id)? {
        Some(u) if u.active && matches!(u.role(), Role::SalesManager | Role::Admin) => Ok(()),
        Some(u) if !u.active => Err(ApiError::reference(field, "is deactivated")),
        Some(_) => Err(ApiError::reference(
            field,
            "must be a sales manager or an admin",
        )),
        None => Err(ApiError::reference(field, "no such user")),
    }
}

pub fn check_team(conn: &mut DbConn, field: &str, id: Uuid) -> Result<(), ApiError> {
    if team_rows::exists(conn, id)? {
        Ok(())
    } else {
        Err(ApiError::reference(field, "no such team"))
    }
}
