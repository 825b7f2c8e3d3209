//! Connections: the read and write pools, migrations on connect, and the offline check.

use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::{DatabaseUrl, DbConn, checkpoint, group_commit, sql_log};
use crate::error::ApiError;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

/// Opens connections of the backend the URL names, with the per-connection settings applied.
#[derive(Debug, Clone)]
pub struct ConnectionManager {
    url: DatabaseUrl,
}

impl ManageConnection for ConnectionManager {
    type Connection = DbConn;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConn, r2d2::Error> {
        match &self.url {
            DatabaseUrl::Sqlite(path) => {
                let mut c = diesel::SqliteConnection::establish(&path.to_string_lossy())
                    .map_err(r2d2::Error::ConnectionError)?;
                // WAL lets readers run beside the writer; FULL sync because money and allocations
                // must survive a power cut; busy_timeout rides out another process's write.
                // No checkpoint inside a commit: the checkpoint thread does them ([`checkpoint`]).
                // Reads through a memory map share the operating system's page cache among
                // the pool's connections, where each one's own 2 MB page cache would hold
                // little of a large file and copy every page it reads.
                c.batch_execute(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; \
                     PRAGMA wal_autocheckpoint = 0; PRAGMA mmap_size = 1073741824;",
                )
                .map_err(r2d2::Error::QueryError)?;
                Ok(DbConn::Sqlite(c))
            }
            DatabaseUrl::Postgres(url) => diesel::PgConnection::establish(url)
                .map(DbConn::Pg)
                .map_err(r2d2::Error::ConnectionError),
        }
        .map(|mut c| {
            if sql_log::wanted() {
                c.set_instrumentation(sql_log::SqlLog::default());
            }
            c
        })
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    /// A connection whose server went away (or that was left mid-transaction by a panic) is
    /// dropped instead of returned to the pool.
    fn has_broken(&self, conn: &mut DbConn) -> bool {
        diesel::r2d2::R2D2Connection::is_broken(conn)
    }
}

pub type Pool = r2d2::Pool<ConnectionManager>;
pub type PooledConn = r2d2::PooledConnection<ConnectionManager>;

/// The database handle the app shares: a read pool and a write pool (the same pool on PostgreSQL).
#[derive(Clone)]
pub struct Db {
    read: Pool,
    write: Pool,
    /// SQLite only: the group-commit writer on the write pool's one connection.
    writer: Option<group_commit::Writer>,
    /// SQLite only: copies the WAL into the database file off the commit path.
    /// Held for its lifetime: the last handle dropped stops the thread.
    _checkpointer: Option<std::sync::Arc<checkpoint::Checkpointer>>,
    url: DatabaseUrl,
}

impl Db {
    /// Connects, creating the SQLite file's directory if needed, and applies pending migrations.
    pub fn connect(url: &DatabaseUrl, max_connections: u32) -> Result<Self, String> {
        if let DatabaseUrl::Sqlite(path) = url
            && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create database directory {}: {e}", dir.display()))?;
        }
        let manager = ConnectionManager { url: url.clone() };
        let build = |size: u32| {
            r2d2::Pool::builder()
                .max_size(size)
                .min_idle(Some(1))
                .connection_timeout(Duration::from_secs(10))
                .test_on_check_out(false)
                .build(manager.clone())
                .map_err(|e| format!("cannot connect to {}: {e}", url.redacted()))
        };
        let write = build(if url.is_postgres() {
            max_connections
        } else {
            1
        })?;
        let db = Db {
            read: if url.is_postgres() {
                write.clone()
            } else {
                build(max_connections)?
            },
            writer: if url.is_postgres() {
                None
            } else {
                Some(group_commit::Writer::start(write.clone())?)
            },
            _checkpointer: match url {
                DatabaseUrl::Sqlite(_) => Some(std::sync::Arc::new(
                    checkpoint::Checkpointer::start(sqlite_checkpoint_connection(&manager)?)?,
                )),
                DatabaseUrl::Postgres(_) => None,
            },
            write,
            url: url.clone(),
        };
        db.migrate()?;
        Ok(db)
    }

    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    fn migrate(&self) -> Result<(), String> {
        let mut conn = self
            .write
            .get()
            .map_err(|e| format!("database unavailable: {e}"))?;
        let migrations = if self.url.is_postgres() {
            POSTGRES_MIGRATIONS
        } else {
            SQLITE_MIGRATIONS
        };
        if self.url.is_postgres() {
            return conn
                .run_pending_migrations(migrations)
                .map(|_| ())
                .map_err(|e| format!("migrations failed: {e}"));
        }
        // SQLite changes a column's constraints by rebuilding its table, which a table that
        // others reference survives only with foreign keys off (sqlite.org/lang_altertable.html,
        // "Making Other Kinds Of Table Schema Changes"). The pragma is a no-op inside the
        // migration's transaction, so it is set around the run, and the references are
        // checked before the connection goes back to the pool.
        conn.batch_execute("PRAGMA foreign_keys = OFF")
            .map_err(|e| format!("migrations failed: {e}"))?;
        let ran = conn
            .run_pending_migrations(migrations)
            .map(|_| ())
            .map_err(|e| format!("migrations failed: {e}"));
        let dangling = sqlite_foreign_key_violations(&mut conn);
        conn.batch_execute("PRAGMA foreign_keys = ON")
            .map_err(|e| format!("migrations failed: {e}"))?;
        ran?;
        match dangling? {
            0 => Ok(()),
            n => Err(format!(
                "migrations left {n} rows with a dangling reference"
            )),
        }
    }

    /// Runs read-only database work.
    ///
    /// On SQLite the read runs inline on the calling worker: the database is a local file, a
    /// keyed read takes microseconds, WAL readers never wait for the writer, and a hop to the
    /// blocking pool (thread wake-ups, pool-mutex contention among hundreds of blocking threads)
    /// cost more than the query itself — profiling put 70% of `GET /me` time there. On
    /// PostgreSQL a query is a network round trip, so it runs on the blocking pool.
    /// Work that scans much (exports, reports) uses [`Db::read_blocking`] instead.
    pub async fn read<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        if self.url.is_postgres() {
            return self.read_blocking(f).await;
        }
        f(&mut *self.read.get().map_err(ApiError::pool)?)
    }

    /// Runs read-only database work on the blocking pool, whatever the backend.
    pub async fn read_blocking<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.read.clone();
        run_blocking(move || f(&mut *pool.get().map_err(ApiError::pool)?)).await
    }

    /// Runs database work that writes, inside one transaction: all of it lands or none does.
    /// On SQLite it shares the commit with the writes queued beside it ([`group_commit`]); on
    /// PostgreSQL each write has its own transaction on a pooled connection.
    pub async fn write<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        if let Some(writer) = &self.writer {
            return writer.write(f).await;
        }
        let pool = self.write.clone();
        run_blocking(move || {
            let mut pooled = pool.get().map_err(ApiError::pool)?;
            let conn: &mut DbConn = &mut pooled;
            conn.transaction(f)
        })
        .await
    }

    /// SQLite: transactions the group-commit writer has committed (one per batch of writes).
    pub fn commits(&self) -> Option<u64> {
        self.writer.as_ref().map(group_commit::Writer::commits)
    }

    /// A connection for synchronous callers (commands, seeding, tests).
    pub fn write_conn(&self) -> Result<PooledConn, ApiError> {
        self.write.get().map_err(ApiError::pool)
    }

    /// Readiness: can we reach the database right now?
    pub async fn ping(&self) -> Result<(), ApiError> {
        self.read(|c| c.batch_execute("SELECT 1").map_err(ApiError::from))
            .await
    }
}

/// The checkpoint thread's own connection, configured like the others.
fn sqlite_checkpoint_connection(manager: &ConnectionManager) -> Result<SqliteConnection, String> {
    match manager.connect() {
        Ok(DbConn::Sqlite(c)) => Ok(c),
        Ok(DbConn::Pg(_)) => Err("a checkpoint connection for PostgreSQL".into()),
        Err(e) => Err(format!("cannot open the checkpoint connection: {e}")),
    }
}

async fn run_blocking<T, F>(f: F) -> Result<T, ApiError>
where
    F: FnOnce() -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    actix_web::web::block(f)
        .await
        .map_err(|e| ApiError::internal(format!("blocking task failed: {e}")))?
}

/// `closebook check`: SQLite's `integrity_check` and `foreign_key_check` must both come back
/// clean; PostgreSQL enforces both itself, so reaching it suffices. One plain connection, no
/// pool: the command exits right after, and a pool's helper threads still connecting while the
/// process exits crashed libpq's teardown.
pub fn check(url: &DatabaseUrl) -> Result<String, String> {
    #[derive(QueryableByName)]
    struct Line {
        #[diesel(sql_type = diesel::sql_types::Text)]
        integrity_check: String,
    }
    #[derive(QueryableByName)]
    struct Violation {
        #[diesel(sql_type = diesel::sql_types::Text)]
        table: String,
    }
    let mut conn = ConnectionManager { url: url.clone() }
        .connect()
        .map_err(|e| e.to_string())?;
    match &mut conn {
        DbConn::Sqlite(c) => {
            let lines: Vec<Line> = diesel::sql_query("PRAGMA integrity_check")
                .load(c)
                .map_err(|e| e.to_string())?;
            let integrity: Vec<String> = lines.into_iter().map(|l| l.integrity_check).collect();
            if integrity != ["ok"] {
                return Err(format!("integrity_check: {}", integrity.join("; ")));
            }
            let violations: Vec<Violation> = diesel::sql_query("PRAGMA foreign_key_check")
                .load(c)
                .map_err(|e| e.to_string())?;
            if !violations.is_empty() {
                let tables: Vec<String> = violations.into_iter().map(|v| v.table).collect();
                return Err(format!("foreign_key_check: rows in {}", tables.join(", ")));
            }
            Ok("database ok (integrity_check, foreign_key_check)".into())
        }
        DbConn::Pg(c) => {
            c.batch_execute("SELECT 1").map_err(|e| e.to_string())?;
            Ok("database ok (reachable, migrated)".into())
        }
    }
}

/// How many rows `PRAGMA foreign_key_check` reports.
fn sqlite_foreign_key_violations(conn: &mut DbConn) -> Result<usize, String> {
    #[derive(QueryableByName)]
    struct Violation {
        #[diesel(sql_type = diesel::sql_types::Text)]
        #[allow(dead_code)]
        table: String,
    }
    let DbConn::Sqlite(c) = conn else {
        return Ok(0);
    };
    diesel::sql_query("PRAGMA foreign_key_check")
        .load::<Violation>(c)
        .map(|v| v.len())
        .map_err(|e| format!("foreign key check failed: {e}"))
}
