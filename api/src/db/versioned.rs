//! One way to save a versioned record (leads, users, teams, pipelines, scripts, settings): the
//! row gets the next version and its `updated_at`, and is written only over the version it was
//! read at. A concurrent writer that got there first makes the save a 412, never a silent
//! overwrite.

use chrono::NaiveDateTime;

use super::DbConn;
use crate::concurrency;
use crate::error::ApiError;

pub trait VersionedRow {
    /// Writes the row over the stored one when that still has version `expected`.
    fn update_if(&self, conn: &mut DbConn, expected: i64) -> Result<bool, ApiError>;
    fn stamp(&mut self, version: i64, now: NaiveDateTime);
}

/// Saves `row`, read at version `read_at`, as version `read_at + 1` changed at `now`.
pub fn save<R: VersionedRow>(
    conn: &mut DbConn,
    row: &mut R,
    read_at: i64,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    row.stamp(read_at + 1, now);
    if row.update_if(conn, read_at)? {
        Ok(())
    } else {
        Err(concurrency::lost_race())
    }
}

/// Implements [`VersionedRow`] for a row struct of `$table` (columns `id` and `version`, the row
/// an `AsChangeset` with fields `version` and `updated_at`).
macro_rules! versioned_row {
    ($row:ty, $table:ident) => {
        impl $crate::db::versioned::VersionedRow for $row {
            fn update_if(
                &self,
                conn: &mut $crate::db::DbConn,
                expected: i64,
            ) -> Result<bool, $crate::error::ApiError> {
                use diesel::prelude::*;
                let target = $table::table
                    .filter($table::id.eq(&self.id))
                    .filter($table::version.eq(expected));
                Ok(diesel::update(target).set(self).execute(conn)? == 1)
            }
            fn stamp(&mut self, version: i64, now: chrono::NaiveDateTime) {
                self.version = version;
                self.updated_at = now;
            }
        }
    };
}
pub(crate) use versioned_row;
