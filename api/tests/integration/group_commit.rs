//! SQLite group commit: writes queued together share one transaction, each in its own
//! savepoint, and nobody's failure (or panic) costs another write its result.

use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use actix_web::ResponseError;
use closebook_api::db::{DatabaseUrl, Db, DbConn};
use closebook_api::error::ApiError;
use diesel::RunQueryDsl;
use diesel::connection::SimpleConnection;

fn open() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&DatabaseUrl::Sqlite(dir.path().join("gc.db")), 2).unwrap();
    (dir, db)
}

fn insert(c: &mut DbConn, k: i64) -> Result<i64, ApiError> {
    diesel::sql_query(format!("INSERT INTO scratch (k) VALUES ({k})")).execute(c)?;
    Ok(k)
}

fn keys(db: &Db) -> Vec<i64> {
    #[derive(diesel::QueryableByName)]
    struct K {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        k: i64,
    }
    let mut c = db.write_conn().unwrap();
    let rows: Vec<K> = diesel::sql_query("SELECT k FROM scratch ORDER BY k")
        .load(&mut *c)
        .unwrap();
    rows.into_iter().map(|r| r.k).collect()
}

/// Blocks the writer inside a write until the test opens it, so the writes behind it queue.
#[derive(Default, Clone)]
struct Gate(Arc<(Mutex<bool>, Condvar)>);

impl Gate {
    fn wait(&self) {
        let (open, cv) = &*self.0;
        let guard = open.lock().unwrap();
        let _ = cv
            .wait_timeout_while(guard, Duration::from_secs(10), |o| !*o)
            .unwrap();
    }
    fn open(&self) {
        let (open, cv) = &*self.0;
        *open.lock().unwrap() = true;
        cv.notify_all();
    }
}

#[actix_web::test]
async fn queued_writes_share_a_commit_and_a_failure_stays_its_own() {
    let (_dir, db) = open();
    db.write(|c| Ok(c.batch_execute("CREATE TABLE scratch (k INTEGER PRIMARY KEY)")?))
        .await
        .unwrap();
    let before = db.commits().unwrap();

    let gate = Gate::default();
    let held = gate.clone();
    let first = db.write(move |c| {
        held.wait();
        insert(c, 0)
    });
    // 1..=30, then a duplicate of 7 (fails on the primary key), then 31..=40.
    let mut ks: Vec<i64> = (1..=30).collect();
    ks.push(7);
    ks.extend(31..=40);
    let rest = futures_util::future::join_all(ks.iter().map(|&k| db.write(move |c| insert(c, k))));
    let opener = async {
        gate.open();
    };
    // `join3` polls in order: every write is queued before the gate opens.
    let (first, rest, ()) = futures_util::future::join3(first, rest, opener).await;

    assert_eq!(first.unwrap(), 0);
    for (k, r) in ks.iter().zip(&rest).take(30) {
        assert_eq!(r.as_ref().unwrap(), k);
    }
    let duplicate = rest[30].as_ref().unwrap_err();
    assert_eq!(
        duplicate.status_code().as_u16(),
        409,
        "the duplicate gets its own error"
    );
    for (k, r) in ks.iter().zip(&rest).skip(31) {
        assert_eq!(
            r.as_ref().unwrap(),
            k,
            "writes after the failed one still land"
        );
    }
    assert_eq!(keys(&db), (0..=40).collect::<Vec<_>>());
    let commits = db.commits().unwrap() - before;
    assert!(
        commits <= 2,
        "42 queued writes took {commits} commits; expected them to share"
    );
}

#[actix_web::test]
async fn a_panicking_write_loses_only_its_batch_and_the_writer_carries_on() {
    let (_dir, db) = open();
    db.write(|c| {
        c.batch_execute("CREATE TABLE scratch (k INTEGER PRIMARY KEY)")?;
        insert(c, 1)
    })
    .await
    .unwrap();
    let panicked = db
        .write(|c| -> Result<(), ApiError> {
            insert(c, 2)?;
            panic!("a bug in a write");
        })
        .await
        .unwrap_err();
    assert_eq!(panicked.status_code().as_u16(), 500);
    assert_eq!(db.write(|c| insert(c, 3)).await.unwrap(), 3);
    assert_eq!(
        keys(&db),
        vec![1, 3],
        "the panicking write left nothing behind"
    );
}
