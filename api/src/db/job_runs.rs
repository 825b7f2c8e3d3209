//! Runs of calendar jobs (the monthly close, reconciliation), claimed in the database so that
//! with several API processes each run happens once. The claim is written in the transaction
//! that does the work: a process killed halfway rolls both back, and the next tick runs it whole.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConn;
use super::schema::job_runs;
use crate::error::ApiError;

/// Claims `job` for `run_key`; `false` when it ran (or is running, on PostgreSQL the insert
/// waits for the other transaction and then finds its row).
pub fn claim(
    conn: &mut DbConn,
    job: &str,
    run_key: &str,
    by: &str,
    now: NaiveDateTime,
) -> Result<bool, ApiError> {
    let values = (
        job_runs::job.eq(job),
        job_runs::run_key.eq(run_key),
        job_runs::claimed_by.eq(by),
        job_runs::claimed_at.eq(now),
    );
    let inserted = super::native!(conn, |c| diesel::insert_into(job_runs::table)
        .values(values)
        .on_conflict_do_nothing()
        .execute(c))?;
    Ok(inserted == 1)
}

/// Records the run's report beside its claim.
pub fn finish(
    conn: &mut DbConn,
    job: &str,
    run_key: &str,
    report_json: &str,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    diesel::update(job_runs::table.find((job, run_key)))
        .set((
            job_runs::finished_at.eq(Some(now)),
            job_runs::report_json.eq(Some(report_json)),
        ))
        .execute(conn)?;
    Ok(())
}
