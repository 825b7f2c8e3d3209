//! Ending a user's sessions reaches every API process within seconds (DESIGN.md §2: several
//! stateless instances on one database). Two processes of the built binary share a database;
//! a deactivation through one is honoured by the other without waiting for the access token to
//! expire. SQLite (two processes on one file) and PostgreSQL (when `TEST_DATABASE_URL` is set).

use std::time::{Duration, Instant};

use closebook_e2e::{ADMIN_EMAIL, ADMIN_PASSWORD, Server, with_postgres_database};
use serde_json::json;

const SECRET: &str = "e2e-shared-signing-secret-0123456789abcdef";

fn revocation_reaches_every_process(database_url: &str) {
    let env = [
        ("DATABASE_URL", database_url),
        ("CLOSEBOOK_JWT_SECRET", SECRET),
    ];
    let a = Server::start(&env);
    let b = Server::start(&env);
    let client = closebook_e2e::client();
    let admin = a.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    let created = client
        .post(a.url("/api/v1/users"))
        .bearer_auth(&admin)
        .json(
            &json!({ "email": "leaver@example.com", "name": "Leaver", "role": "sales_rep",
                        "password": "a-long-password-1", "must_change_password": false }),
        )
        .send()
        .unwrap();
    assert_eq!(created.status(), 201);
    let id = created.json::<serde_json::Value>().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let rep = b.login("leaver@example.com", "a-long-password-1");
    let status_on_b = || {
        client
            .get(b.url("/api/v1/leads"))
            .bearer_auth(&rep)
            .send()
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(status_on_b(), 200);

    let deactivated = client
        .patch(a.url(&format!("/api/v1/users/{id}")))
        .bearer_auth(&admin)
        .json(&json!({ "active": false }))
        .send()
        .unwrap();
    assert_eq!(deactivated.status(), 200);
    let started = Instant::now();
    while status_on_b() != 401 {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the other process still honours the token after 5 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    eprintln!("refused by the other process after {:?}", started.elapsed());
}

#[test]
fn sqlite_processes_refuse_ended_sessions_within_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("shared.db").display());
    revocation_reaches_every_process(&url);
}

#[test]
fn postgres_processes_refuse_ended_sessions_within_seconds() {
    with_postgres_database("cb_revoke", revocation_reaches_every_process);
}
