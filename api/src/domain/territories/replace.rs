//! Placing every lead again after territories changed, in the background (a shape redrawn on a
//! book of 250,000 leads is more than a request should wait for). A change queues a run
//! (`placement_runs::enqueue`, in the change's transaction); a worker in every process takes
//! the oldest and walks the leads in id order, one batch per transaction, the run's position and
//! counts saved with the leads it moved. A worker killed halfway leaves its last batch whole;
//! after a minute without a heartbeat another worker goes on from there.

use chrono::{Duration, NaiveDateTime};
use closebook_shared::territories::PlacementStatus;
use diesel::prelude::*;

use super::placing::territories;
use crate::db::DbConn;
use crate::db::leads::{places_after, set_territory};
use crate::db::placement_runs::{self as runs, RunRow};
use crate::db::schema::leads;
use crate::error::ApiError;

/// A run whose worker was quiet this long is taken over.
pub const STALE_AFTER_SECONDS: i64 = 60;

/// One batch of the current run, if there is one for `worker`; the run as it stands after.
pub fn step(
    conn: &mut DbConn,
    worker: &str,
    now: NaiveDateTime,
    batch: i64,
) -> Result<Option<RunRow>, ApiError> {
    let stale = now - Duration::seconds(STALE_AFTER_SECONDS);
    let Some(read) = runs::next(conn, worker, stale)? else {
        return Ok(None);
    };
    let mut run = read.clone();
    if run.status == PlacementStatus::Queued {
        run.status = PlacementStatus::Running;
        run.started_at = Some(now);
        run.total = leads::table.count().get_result(conn)?;
    }
    run.worker = Some(worker.to_owned());
    run.heartbeat_at = Some(now);
    let current = territories(conn)?;
    let page = places_after(conn, run.after_id.as_deref(), batch)?;
    for lead in &page {
        let placed = current.place(&lead.whereabouts()).map(|id| id.to_string());
        if placed != lead.territory_id {
            set_territory(conn, &lead.id, placed.as_deref())?;
            run.moved += 1;
        }
    }
    run.processed += page.len() as i64;
    if let Some(last) = page.last() {
        run.after_id = Some(last.id.clone());
    }
    if (page.len() as i64) < batch {
        run.status = PlacementStatus::Done;
        run.finished_at = Some(now);
        run.total = run.total.max(run.processed);
    }
    if !runs::save_over(conn, &read, &run)? {
        // Another worker took it on meanwhile: this batch is rolled back with the transaction.
        return Err(crate::concurrency::lost_race());
    }
    Ok(Some(run))
}

/// Runs every queued run to its end in this transaction (seeding, tests); how many leads moved.
pub fn run_now(conn: &mut DbConn, now: NaiveDateTime) -> Result<i64, ApiError> {
    let mut moved = 0;
    while let Some(run) = step(conn, "inline", now, 5_000)? {
        if run.status == PlacementStatus::Done {
            moved += run.moved;
        }
    }
    Ok(moved)
}
