//! Named counters (`counters`): invoice and order numbers, without gaps or repeats.

use diesel::prelude::*;

use super::DbConn;
use super::schema::counters;
use crate::error::ApiError;

/// The counter `name`'s next value. Its row stays locked by the increment until the caller's
/// transaction ends, so two transactions never take the same value and a rolled-back one
/// leaves no gap.
pub fn next(conn: &mut DbConn, name: &str) -> Result<i64, ApiError> {
    diesel::update(counters::table.find(name))
        .set(counters::value.eq(counters::value + 1))
        .execute(conn)?;
    Ok(counters::table
        .find(name)
        .select(counters::value)
        .first(conn)?)
}
