//! WAL checkpoints off the commit path (SQLite).
//!
//! By default SQLite checkpoints inside the commit that pushes the WAL past
//! `wal_autocheckpoint` pages: that one request copies the WAL into the database file and, with
//! `synchronous=FULL`, waits for the database file's fsync. On a large file under steady writes
//! this was measured (docs/BENCHMARKS.md) as a stall of 100–200 ms every few seconds for every
//! write queued behind it. So connections run with `wal_autocheckpoint=0` and this thread, on
//! its own connection, runs a PASSIVE checkpoint every [`INTERVAL`]: it never blocks the
//! writer or readers, and the writer restarts the WAL from the top once it has been copied.
//! When writes stop and the WAL has grown large, a TRUNCATE checkpoint gives the disk back.

use std::sync::mpsc;
use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::Integer;

/// How often new WAL frames are copied into the database file.
pub const INTERVAL: Duration = Duration::from_millis(200);

/// WAL size (pages) above which an idle database gets its WAL truncated.
const TRUNCATE_ABOVE_PAGES: i32 = 4096;

/// WAL size (pages, 4 KiB) above which the WAL is made to start over even under writes.
const RESTART_ABOVE_PAGES: i32 = 16_384;

#[derive(QueryableByName, Debug, Clone, Copy, PartialEq, Eq)]
struct Outcome {
    /// 1 when the checkpoint could not run to completion (a writer or reader was in the way).
    #[diesel(sql_type = Integer)]
    busy: i32,
    /// Frames in the WAL.
    #[diesel(sql_type = Integer)]
    log: i32,
    /// Frames copied into the database so far.
    #[diesel(sql_type = Integer)]
    checkpointed: i32,
}

/// The running checkpointer; dropping it stops the thread and closes its connection.
pub struct Checkpointer {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Checkpointer {
    pub fn start(mut conn: SqliteConnection) -> Result<Self, String> {
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("closebook-checkpoint".into())
            .spawn(move || {
                let mut last_log = 0;
                // Wakes every INTERVAL until the sender is dropped.
                while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(INTERVAL) {
                    match checkpoint(&mut conn, "PASSIVE") {
                        Ok(o) => {
                            let idle = o.log == last_log;
                            if idle && o.busy == 0 && o.log > TRUNCATE_ABOVE_PAGES {
                                let _ = checkpoint(&mut conn, "TRUNCATE");
                                last_log = 0;
                            } else if o.log > RESTART_ABOVE_PAGES {
                                // Under steady writes a frame lands during every PASSIVE run,
                                // so the WAL never wraps; RESTART briefly holds the next writer
                                // back while it copies the last few frames, and the writer
                                // after it starts the WAL from the top again.
                                let _ = checkpoint(&mut conn, "RESTART");
                                last_log = 0;
                            } else {
                                last_log = o.log;
                            }
                        }
                        Err(e) => tracing::warn!(error = %e, "WAL checkpoint failed"),
                    }
                }
            })
            .map_err(|e| format!("cannot start the checkpoint thread: {e}"))?;
        Ok(Self {
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn checkpoint(conn: &mut SqliteConnection, mode: &str) -> QueryResult<Outcome> {
    diesel::sql_query(format!("PRAGMA wal_checkpoint({mode})")).get_result(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::connection::SimpleConnection;

    #[test]
    fn copies_the_wal_into_the_database_without_the_writer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db").to_string_lossy().into_owned();
        let open = || {
            let mut c = SqliteConnection::establish(&path).unwrap();
            c.batch_execute("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;")
                .unwrap();
            c
        };
        let mut writer = open();
        writer
            .batch_execute("CREATE TABLE t (x TEXT); INSERT INTO t VALUES (hex(randomblob(5000)));")
            .unwrap();
        let before = checkpoint(&mut open(), "PASSIVE").unwrap();
        assert_eq!(before.busy, 0);
        writer
            .batch_execute("INSERT INTO t VALUES (hex(randomblob(5000)));")
            .unwrap();
        let checkpointer = Checkpointer::start(open()).unwrap();
        std::thread::sleep(INTERVAL * 3);
        drop(checkpointer);
        // Everything in the WAL has been copied: a new PASSIVE checkpoint has nothing to do.
        let after = checkpoint(&mut open(), "PASSIVE").unwrap();
        assert_eq!(after.log, after.checkpointed, "{after:?}");
        assert!(after.log > 0, "frames were written: {after:?}");
    }
}
