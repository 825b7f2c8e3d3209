//! Stored idempotent responses.

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
    pub status_code: Option<i32>,
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

/// Claims a key; false when it is already claimed (a unique violation is the race's answer).
pub fn claim(conn: &mut DbConn, row: &IdempotencyRow) -> Result<bool, ApiError> {
    match diesel::insert_into(ik::table).values(row).execute(conn) {
        Ok(_) => Ok(true),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

pub fn complete(
    conn: &mut DbConn,
    principal: &str,
    key: &str,
    status: i32,
    body: &str,
    headers: &str,
) -> Result<(), ApiError> {
    diesel::update(ik::table.find((principal, key)))
        .set((
            ik::status_code.eq(Some(status)),
            ik::response_body.eq(Some(body)),
            ik::response_headers.eq(Some(headers)),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn release(conn: &mut DbConn, principal: &str, key: &str) -> Result<(), ApiError> {
    diesel::delete(ik::table.find((principal, key))).execute(conn)?;
    Ok(())
}

/// Keys are kept at least 24 hours; older ones are pruned.
pub fn prune(conn: &mut DbConn, before: NaiveDateTime) -> Result<usize, ApiError> {
    Ok(diesel::delete(ik::table.filter(ik::created_at.lt(before))).execute(conn)?)
}
