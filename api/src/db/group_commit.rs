//! Group commit for SQLite writes.
//!
//! With `synchronous=FULL` every commit waits for the disk, and SQLite has one writer anyway.
//! So one writer thread owns the write connection, takes every write waiting for it (up to
//! [`MAX_BATCH`]), runs each inside its own savepoint of one transaction and commits once: one
//! disk flush for the whole batch instead of one per request. A write that fails rolls back its
//! savepoint only; the others still commit. Nobody hears "done" before the commit has landed,
//! and if the commit itself fails, every write of the batch reports that failure.
//!
//! It also replaces hundreds of blocking-pool threads queueing on a one-connection pool (the
//! previous shape) with one thread and a channel.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;

use diesel::Connection;
use tokio::sync::oneshot;

use super::{DbConn, Pool};
use crate::error::ApiError;

/// Writes taken into one transaction at most; bounds how long the first of them waits.
pub const MAX_BATCH: usize = 64;

type Output = Result<Box<dyn Any + Send>, ApiError>;
type Work = Box<dyn FnOnce(&mut DbConn) -> Output + Send>;

struct Job {
    work: Work,
    reply: oneshot::Sender<Output>,
}

/// The sending side, shared by every clone of the database handle.
#[derive(Clone)]
pub struct Writer {
    shared: Arc<Shared>,
}

struct Shared {
    /// `None` only while dropping.
    jobs: Option<mpsc::Sender<Job>>,
    thread: Option<std::thread::JoinHandle<()>>,
    commits: Arc<AtomicU64>,
}

/// Dropping the last handle closes the queue and waits for the writer to finish its batch and
/// close the connection: as with a plain pool, the database file is released once the handle
/// is gone (tests and commands reopen it right after).
impl Drop for Shared {
    fn drop(&mut self) {
        drop(self.jobs.take());
        if let Some(thread) = self.thread.take()
            && thread.thread().id() != std::thread::current().id()
        {
            let _ = thread.join();
        }
    }
}

impl Writer {
    /// Starts the writer thread on the (one-connection) write pool.
    pub fn start(pool: Pool) -> Result<Self, String> {
        let (jobs, rx) = mpsc::channel::<Job>();
        let commits = Arc::new(AtomicU64::new(0));
        let counter = commits.clone();
        let thread = std::thread::Builder::new()
            .name("closebook-writer".into())
            .spawn(move || run(&pool, &rx, &counter))
            .map_err(|e| format!("cannot start the writer thread: {e}"))?;
        Ok(Self {
            shared: Arc::new(Shared {
                jobs: Some(jobs),
                thread: Some(thread),
                commits,
            }),
        })
    }

    /// Transactions committed so far (each carries one or more writes).
    pub fn commits(&self) -> u64 {
        self.shared.commits.load(Ordering::Relaxed)
    }

    /// Runs `f` in the next batch and returns its result once the batch has committed.
    pub async fn write<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let work: Work = Box::new(move |c| f(c).map(|v| Box::new(v) as Box<dyn Any + Send>));
        self.shared
            .jobs
            .as_ref()
            .ok_or_else(|| ApiError::internal("the database writer has stopped"))?
            .send(Job { work, reply })
            .map_err(|_| ApiError::internal("the database writer has stopped"))?;
        let value = answer
            .await
            .map_err(|_| ApiError::internal("the database writer dropped a write"))??;
        value
            .downcast::<T>()
            .map(|v| *v)
            .map_err(|_| ApiError::internal("the database writer returned another type"))
    }
}

fn run(pool: &Pool, rx: &mpsc::Receiver<Job>, commits: &AtomicU64) {
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        if commit_batch(pool, batch) {
            commits.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Runs and commits one batch, answers each write; true when the transaction committed.
fn commit_batch(pool: &Pool, batch: Vec<Job>) -> bool {
    let (works, replies): (Vec<Work>, Vec<oneshot::Sender<Output>>) =
        batch.into_iter().map(|j| (j.work, j.reply)).unzip();
    let mut conn = match pool.get() {
        Ok(c) => c,
        Err(e) => {
            for reply in replies {
                let _ = reply.send(Err(ApiError::pool(&e)));
            }
            return false;
        }
    };
    let mut outputs: Vec<Output> = Vec::with_capacity(works.len());
    // A panic leaves the connection mid-transaction; the pool then discards it (`has_broken`),
    // which rolls the whole batch back, and every write of the batch reports an internal error.
    let committed = catch_unwind(AssertUnwindSafe(|| {
        let conn: &mut DbConn = &mut conn;
        immediate_transaction(conn, |c| {
            for work in works {
                // Nested: a savepoint, rolled back alone when this write fails.
                outputs.push(c.transaction(work));
            }
            Ok::<_, ApiError>(())
        })
    }));
    match committed {
        Ok(Ok(())) => {
            for (reply, output) in replies.into_iter().zip(outputs) {
                let _ = reply.send(output);
            }
            true
        }
        Ok(Err(e)) => {
            // A write that failed on its own keeps its own answer; the others lost the commit.
            let message = format!("the write could not be committed: {e}");
            let mut outputs = outputs.into_iter();
            for reply in replies {
                let answer = match outputs.next() {
                    Some(Err(own)) => Err(own),
                    _ => Err(ApiError::internal(message.clone())),
                };
                let _ = reply.send(answer);
            }
            false
        }
        Err(_) => {
            for reply in replies {
                let _ = reply.send(Err(ApiError::internal(
                    "a write failed unexpectedly; nothing of it was saved",
                )));
            }
            false
        }
    }
}

/// A transaction that takes SQLite's write lock at `BEGIN IMMEDIATE`, not at its first write.
/// A deferred transaction that reads before it writes cannot wait for the lock when another
/// connection (the checkpoint thread's RESTART) holds it: SQLite answers "database is locked"
/// at once instead of calling the busy handler. Taking the lock first makes it wait its turn.
fn immediate_transaction<F>(conn: &mut DbConn, f: F) -> Result<(), ApiError>
where
    F: FnOnce(&mut DbConn) -> Result<(), ApiError>,
{
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    type Manager = <DbConn as Connection>::TransactionManager;
    match conn {
        DbConn::Sqlite(inner) => {
            AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?;
        }
        DbConn::Pg(_) => Manager::begin_transaction(conn)?,
    }
    match f(conn) {
        Ok(()) => match Manager::commit_transaction(conn) {
            Ok(()) => Ok(()),
            Err(e) => {
                let _ = Manager::rollback_transaction(conn);
                Err(e.into())
            }
        },
        Err(e) => {
            let _ = Manager::rollback_transaction(conn);
            Err(e)
        }
    }
}
