//! Stored idempotent responses.
//!
//! A row is only ever written with its outcome: either inside the transaction of the request's
//! effect (a handler using `Ctx::commit`), or after a request that changed nothing (a refusal).
//! So there is no "claimed but unfinished" state that a crash could leave behind.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConn;
use super::schema::idempotency_keys as ik;
use crate::error::ApiError;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ik)]
pub struct IdempotencyRow {
    pub principal: String,
    pub idem_key: String,
    pub method: String,
    pub path: String,
    pub request_hash: String,
    /// Always set by this version; `NULL` only in rows an earlier version left unfinished.
    pub status_code: Option<i32>,
    /// `NULL` once compacted (see [`compact`]).
    pub response_body: Option<String>,
    pub created_at: NaiveDateTime,
    /// JSON `[[name, value], …]` of the replayed headers.
    pub response_headers: Option<String>,
}

pub fn find(
    conn: &mut DbConn,
    principal: &str,
    key: &str,
) -> Result<Option<IdempotencyRow>, ApiError> {
    Ok(ik::table
        .find((principal, key))
        .select(IdempotencyRow::as_select())
        .first(conn)
        .optional()?)
}

/// Stores a finished request's outcome; false when the key already has one (another request
/// with the same key got there first). Never aborts the surrounding transaction.
pub fn insert(conn: &mut DbConn, row: &IdempotencyRow) -> Result<bool, ApiError> {
    let inserted = super::native!(conn, |c| diesel::insert_into(ik::table)
        .values(row)
        .on_conflict_do_nothing()
        .execute(c))?;
    Ok(inserted == 1)
}

/// Housekeeping. A key whose request changed something (2xx) is never forgotten — forgetting
/// it would let a late retry run the request a second time — but after `before` its stored
/// response body is dropped, leaving a small tombstone. Keys of refused requests (which changed
/// nothing, so running them again is harmless) are deleted. Returns (compacted, deleted).
pub fn compact(conn: &mut DbConn, before: NaiveDateTime) -> Result<(usize, usize), ApiError> {
    let old = ik::created_at.lt(before);
    let succeeded = ik::status_code.ge(200).and(ik::status_code.lt(300));
    let compacted = diesel::update(
        ik::table
            .filter(old)
            .filter(succeeded)
            .filter(ik::response_body.is_not_null()),
    )
    .set(ik::response_body.eq(None::<String>))
    .execute(conn)?;
    let deleted = diesel::delete(
        ik::table
            .filter(ik::created_at.lt(before))
            .filter(ik::status_code.ge(300).or(ik::status_code.lt(200))),
    )
    .execute(conn)?;
    Ok((compacted, deleted))
}
