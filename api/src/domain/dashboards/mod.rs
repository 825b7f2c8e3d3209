//! The rep's and the manager's dashboards: one request each, built from the targets, the
//! analytics and the pipeline (rules with numbers in `closebook_shared::dashboards`).

mod manager;
mod rep;

pub use manager::manager_dashboard;
pub use rep::rep_dashboard;

use closebook_shared::dashboards::LeadRef;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::columns::{money_of, uuid_of};
use crate::db::schema::leads;
use crate::error::ApiError;

/// A database count as the DTOs hold it.
pub(crate) fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

type RefRow = (
    String,
    String,
    closebook_shared::leads::SalesStage,
    i32,
    Option<i64>,
    Option<String>,
    Option<chrono::NaiveDateTime>,
    Option<chrono::NaiveDateTime>,
);

/// The leads `ids` as dashboards list them, in that order.
fn lead_refs(conn: &mut DbConn, ids: &[String]) -> Result<Vec<LeadRef>, ApiError> {
    let rows: Vec<RefRow> = leads::table
        .filter(leads::id.eq_any(ids))
        .select((
            leads::id,
            leads::company,
            leads::display_sales_stage,
            leads::score,
            leads::deal_value_minor,
            leads::deal_currency,
            leads::next_contact_at,
            leads::last_contact_at,
        ))
        .load(conn)?;
    Ok(ids
        .iter()
        .filter_map(|id| rows.iter().find(|r| &r.0 == id))
        .map(|r| LeadRef {
            id: uuid_of(&r.0),
            company: r.1.clone(),
            stage: r.2,
            score: r.3.clamp(0, 100) as u32,
            deal_value: money_of(r.4, r.5.as_deref()),
            next_contact_at: r.6.map(|t| t.and_utc()),
            last_contact_at: r.7.map(|t| t.and_utc()),
        })
        .collect())
}
