//! Background placement runs (see `domain::territories::replace`).

use chrono::NaiveDateTime;
use closebook_shared::Page;
use closebook_shared::territories::{PlacementRun, PlacementStatus, percent_done};
use diesel::prelude::*;
use uuid::Uuid;

use super::DbConn;
use super::columns::{StoredId, uuid_of};
use super::schema::placement_runs;
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = placement_runs, treat_none_as_null = true)]
pub struct RunRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    pub status: PlacementStatus,
    pub reason: String,
    pub total: i64,
    pub processed: i64,
    pub moved: i64,
    pub after_id: Option<String>,
    pub worker: Option<String>,
    pub heartbeat_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub started_at: Option<NaiveDateTime>,
    pub finished_at: Option<NaiveDateTime>,
}

impl RunRow {
    pub fn to_dto(&self) -> PlacementRun {
        let (total, processed) = (self.total.max(0) as u64, self.processed.max(0) as u64);
        PlacementRun {
            id: uuid_of(&self.id),
            status: self.status,
            reason: self.reason.clone(),
            total,
            processed,
            moved: self.moved.max(0) as u64,
            percent: percent_done(self.status, processed, total),
            created_at: self.created_at.and_utc(),
            started_at: self.started_at.map(|t| t.and_utc()),
            finished_at: self.finished_at.map(|t| t.and_utc()),
        }
    }
}

crate::db::find_fn!(find, RunRow, placement_runs);
crate::db::insert_fn!(insert, RunRow, placement_runs);

/// Queues a run, unless one is queued already (it will see this change too).
pub fn enqueue(conn: &mut DbConn, reason: &str, now: NaiveDateTime) -> Result<(), ApiError> {
    let queued: i64 = placement_runs::table
        .filter(placement_runs::status.eq(PlacementStatus::Queued))
        .count()
        .get_result(conn)?;
    if queued > 0 {
        return Ok(());
    }
    insert(
        conn,
        &RunRow {
            id: Uuid::now_v7().to_string(),
            status: PlacementStatus::Queued,
            reason: reason.to_owned(),
            total: 0,
            processed: 0,
            moved: 0,
            after_id: None,
            worker: None,
            heartbeat_at: None,
            created_at: now,
            started_at: None,
            finished_at: None,
        },
    )
}

/// The run to work on: one running whose worker went quiet before `stale` (or is `worker`),
/// else the oldest queued. `None` while another worker holds a live run.
pub fn next(
    conn: &mut DbConn,
    worker: &str,
    stale: NaiveDateTime,
) -> Result<Option<RunRow>, ApiError> {
    let running: Option<RunRow> = placement_runs::table
        .filter(placement_runs::status.eq(PlacementStatus::Running))
        .order(placement_runs::id)
        .select(RunRow::as_select())
        .first(conn)
        .optional()?;
    if let Some(r) = running {
        let mine = r.worker.as_deref() == Some(worker);
        let quiet = r.heartbeat_at.is_none_or(|h| h < stale);
        return Ok((mine || quiet).then_some(r));
    }
    Ok(placement_runs::table
        .filter(placement_runs::status.eq(PlacementStatus::Queued))
        .order(placement_runs::id)
        .select(RunRow::as_select())
        .first(conn)
        .optional()?)
}

/// Saves the run over the state it was read in (status, worker, heartbeat): false when another
/// worker moved it first.
pub fn save_over(conn: &mut DbConn, read: &RunRow, row: &RunRow) -> Result<bool, ApiError> {
    let mut target = diesel::update(placement_runs::table)
        .filter(placement_runs::id.eq(&read.id))
        .filter(placement_runs::status.eq(read.status))
        .filter(placement_runs::processed.eq(read.processed))
        .into_boxed();
    target = match &read.worker {
        Some(w) => target.filter(placement_runs::worker.eq(w.clone())),
        None => target.filter(placement_runs::worker.is_null()),
    };
    Ok(target.set(row).execute(conn)? == 1)
}

/// Runs, newest first.
pub fn list(conn: &mut DbConn, page: &PageRequest) -> Result<Page<PlacementRun>, ApiError> {
    let query = placement_runs::table
        .select(RunRow::as_select())
        .into_boxed();
    let rows: Vec<RunRow> = keyset!(query, page, placement_runs::id, desc)
        .limit(page.fetch())
        .load(conn)?;
    Ok(page.finish(rows, |r| vec![r.id.clone()], |r| r.to_dto()))
}
