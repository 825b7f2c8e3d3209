//! The ledger's calendar: after a month ends the job closes it, and on the 5th it reconciles
//! the month's paid invoices against their residual lines (F4). Each run is claimed in the
//! database (`db::job_runs`) in the transaction that does it, so it happens once however many
//! processes tick, and a run killed halfway is redone whole.

use chrono::{Datelike, NaiveDateTime};
use closebook_shared::commissions::Period;
use diesel::prelude::*;
use serde::Serialize;

use super::calendar;
use crate::audit::Actor;
use crate::db::DbConn;
use crate::db::commissions::invoices::InvoiceRow;
use crate::db::job_runs;
use crate::db::schema::invoices;
use crate::error::ApiError;

pub const CLOSE_JOB: &str = "commission_close";
pub const RECONCILE_JOB: &str = "residual_reconciliation";
/// Reconciliation waits until this day of the month (F4: the 5th), so late payment runs land.
pub const RECONCILE_DAY: u32 = 5;

/// What reconciliation found and fixed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reconciled {
    pub period: String,
    pub invoices_checked: usize,
    /// Invoices that were missing their residual line, now written.
    pub residuals_created: Vec<String>,
}

/// Every paid invoice of `period` has its residual line: the missing ones are written.
pub fn reconcile(conn: &mut DbConn, period: Period) -> Result<Reconciled, ApiError> {
    let (from, to) = calendar::utc_bounds(calendar::zone(conn)?, period);
    let paid: Vec<InvoiceRow> = invoices::table
        .filter(invoices::paid_at.ge(from))
        .filter(invoices::paid_at.lt(to))
        .order(invoices::id)
        .select(InvoiceRow::as_select())
        .load(conn)?;
    let mut created = Vec::new();
    for inv in &paid {
        let Some(at) = inv.paid_at else { continue };
        if super::invoices::residual_for(conn, inv, at)? {
            created.push(inv.number.clone());
        }
    }
    Ok(Reconciled {
        period: period.to_string(),
        invoices_checked: paid.len(),
        residuals_created: created,
    })
}

/// What one tick did.
#[derive(Debug, Default)]
pub struct Ticked {
    pub closed: Option<closebook_shared::commission_lines::CloseReport>,
    pub reconciled: Option<Reconciled>,
}

/// Runs what is due at `now` and not yet claimed: the close of last month, and from the 5th its
/// reconciliation. `worker` names the process in the claim.
pub fn tick(conn: &mut DbConn, now: NaiveDateTime, worker: &str) -> Result<Ticked, ApiError> {
    let today = calendar::local_date(calendar::zone(conn)?, now);
    let last_month = Period::of(today).previous();
    let key = last_month.to_string();
    let mut done = Ticked::default();
    if job_runs::claim(conn, CLOSE_JOB, &key, worker, now)? {
        let report = super::close::close(conn, &Actor::system(), last_month)?;
        job_runs::finish(conn, CLOSE_JOB, &key, &json(&report)?, now)?;
        done.closed = Some(report);
    }
    if today.day() >= RECONCILE_DAY && job_runs::claim(conn, RECONCILE_JOB, &key, worker, now)? {
        let report = reconcile(conn, last_month)?;
        job_runs::finish(conn, RECONCILE_JOB, &key, &json(&report)?, now)?;
        done.reconciled = Some(report);
    }
    Ok(done)
}

fn json<T: Serialize>(v: &T) -> Result<String, ApiError> {
    serde_json::to_string(v).map_err(|e| ApiError::internal(format!("job report: {e}")))
}
