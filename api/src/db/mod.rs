//! Persistence: one binary, two backends (DESIGN.md §2).
//!
//! The backend is chosen from the URL scheme — never by trial, because diesel's derived
//! `establish` would fall through a failing PostgreSQL URL to SQLite and create a file.
//! On SQLite, writes go through one writer thread on a single connection ([`group_commit`]):
//! SQLite has one writer at a time anyway, serialising there avoids `SQLITE_BUSY` on lock
//! upgrades inside transactions, and writes waiting together share one commit.

pub mod activities;
pub mod addresses;
pub mod allocations;
pub mod analytics;
pub mod checkpoint;
pub mod clients;
pub mod columns;
pub mod commissions;
pub mod counters;
pub mod group_commit;
pub mod history;
pub mod idempotency;
pub mod job_runs;
pub mod leads;
pub mod metrics;
pub mod notifications;
pub mod orders;
pub mod partner_invoices;
pub mod partners;
pub mod pipelines;
pub mod placement_runs;
mod pool;
pub mod product_images;
pub mod products;
pub mod resources;
pub mod schema;
pub mod scripts;
pub mod settings;
pub mod shipments;
mod sql_log;
pub mod support;
pub mod targets;
pub mod teams;
pub mod territories;
pub mod timestamp;
pub mod tokens;
pub mod url;
pub mod users;
pub mod versioned;

pub use pool::{ConnectionManager, Db, Pool, PooledConn, check};
pub use url::{DatabaseUrl, default_url};

#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Sqlite(diesel::SqliteConnection),
    Pg(diesel::PgConnection),
}

/// Multi-row `INSERT`: the derived `MultiConnection` cannot express it, so each backend runs it
/// natively. Evaluates to `QueryResult<usize>`.
macro_rules! batch_insert {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            $crate::db::DbConn::Sqlite(c) => diesel::insert_into($table).values($rows).execute(c),
            $crate::db::DbConn::Pg(c) => diesel::insert_into($table).values($rows).execute(c),
        }
    };
}
pub(crate) use batch_insert;

/// Runs a diesel query on the concrete connection inside the enum. The derived
/// `MultiConnection` re-renders SQL text on every execution and (measured on SQLite) re-prepares
/// the statement too; on a per-backend connection diesel's prepared-statement cache works.
/// Used on hot read paths; `$c` is bound to the inner connection.
macro_rules! native {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConn::Sqlite($c) => $body,
            $crate::db::DbConn::Pg($c) => $body,
        }
    };
}
pub(crate) use native;

/// `fn $find(conn, id) -> Option<$row>`: a row of `$table` by its id (the text primary key).
macro_rules! find_fn {
    ($find:ident, $row:ty, $table:ident) => {
        pub fn $find(
            conn: &mut $crate::db::DbConn,
            id: uuid::Uuid,
        ) -> Result<Option<$row>, $crate::error::ApiError> {
            use diesel::prelude::*;
            Ok($table::table
                .find(id.to_string())
                .select(<$row>::as_select())
                .first(conn)
                .optional()?)
        }
    };
}
pub(crate) use find_fn;

/// `fn $insert(conn, row)`: writes one new row of `$table`.
macro_rules! insert_fn {
    ($insert:ident, $row:ty, $table:ident) => {
        pub fn $insert(
            conn: &mut $crate::db::DbConn,
            row: &$row,
        ) -> Result<(), $crate::error::ApiError> {
            use diesel::prelude::*;
            diesel::insert_into($table::table)
                .values(row)
                .execute(conn)?;
            Ok(())
        }
    };
}
pub(crate) use insert_fn;
