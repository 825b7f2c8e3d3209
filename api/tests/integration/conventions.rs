//! The API conventions every endpoint shares (DESIGN.md §4): problems, limits, idempotency,
//! request ids, rate limits, health, audit and outbox.

use crate::common;

use std::num::NonZeroU32;

use closebook_api::db::schema::{audit_log, outbox_events};
use closebook_api::middleware::rate_limit::Limiter;
use closebook_shared::Role;
use common::TestApp;
use diesel::prelude::*;
use serde_json::json;

fn user_body(email: &str) -> serde_json::Value {
    json!({ "email": email, "name": "Ada Lovelace", "role": "sales_rep", "password": "a-long-password-1" })
}

async fn bad_bodies_get_named_4xx_problems(app: TestApp) {
    let admin = app.admin().await;
    let post = |body: &'static str| {
        app.post("/api/v1/users")
            .auth(&admin)
            .raw("application/json", body)
    };
    post("{\"email\": ")
        .send()
        .await
        .problem(400, "malformed_body");
    post("").send().await.problem(400, "malformed_body");
    let wrong_type =
        post(r#"{"email":"a@b.co","name":42,"role":"sales_rep","password":"a-long-password-1"}"#)
            .send()
            .await
            .problem(422, "validation_failed");
    assert_eq!(wrong_type.fields(), ["name"]);
    let missing = post(r#"{"email":"a@b.co","role":"sales_rep","password":"a-long-password-1"}"#)
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(missing.fields(), ["name"]);
    let unknown_enum =
        post(r#"{"email":"a@b.co","name":"A","role":"wizard","password":"a-long-password-1"}"#)
            .send()
            .await
            .problem(422, "validation_failed");
    assert_eq!(unknown_enum.fields(), ["role"]);
    assert!(
        unknown_enum.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("sales_rep"),
        "lists the allowed values"
    );
    let huge = format!(
        "{{\"email\":\"a@b.co\",\"name\":\"{}\"}}",
        "x".repeat(1024 * 1024 + 10)
    );
    app.post("/api/v1/users")
        .auth(&admin)
        .raw("application/json", huge)
        .send()
        .await
        .problem(413, "payload_too_large");
    app.post("/api/v1/users")
        .auth(&admin)
        .raw("application/x-www-form-urlencoded", "email=a")
        .send()
        .await
        .problem(415, "unsupported_media_type");
}

async fn unknown_routes_and_methods_are_problems(app: TestApp) {
    let admin = app.admin().await;
    app.get("/api/v1/nothing-here")
        .auth(&admin)
        .send()
        .await
        .problem(404, "not_found");
    app.get("/api/v2/users")
        .send()
        .await
        .problem(404, "not_found");
    let res = app.get("/api").send().await;
    assert_eq!(res.status.as_u16(), 404);
}

async fn every_response_carries_a_request_id(app: TestApp) {
    let ok = app.get("/healthz").send().await.expect(200);
    let id = ok.header("x-request-id").unwrap().to_owned();
    assert_eq!(id.len(), 36, "a UUID");
    let err = app
        .get("/api/v1/me")
        .send()
        .await
        .problem(401, "unauthenticated");
    assert_eq!(err.body["request_id"], err.header("x-request-id").unwrap());
    // A sane incoming id is kept (so a proxy's id follows the request); a hostile one is replaced.
    let kept = app
        .get("/healthz")
        .header("x-request-id", "lb-1234_abc")
        .send()
        .await;
    assert_eq!(kept.header("x-request-id"), Some("lb-1234_abc"));
    let replaced = app
        .get("/healthz")
        .header("x-request-id", "bad id\twith spaces")
        .send()
        .await;
    assert_ne!(replaced.header("x-request-id"), Some("bad id\twith spaces"));
}

async fn health_and_readiness(app: TestApp) {
    assert_eq!(
        app.get("/healthz").send().await.expect(200).body["status"],
        "ok"
    );
    assert_eq!(
        app.get("/readyz").send().await.expect(200).body["status"],
        "ready"
    );
}

async fn idempotency_keys_replay_and_refuse_reuse(app: TestApp) {
    let admin = app.admin().await;
    let create = |who: &common::TestUser, key: &str, email: &str| {
        app.post("/api/v1/users")
            .auth(who)
            .header("idempotency-key", key)
            .json(&user_body(email))
    };
    let first = create(&admin, "create-ada", "ada@example.com")
        .send()
        .await
        .expect(201);
    let again = create(&admin, "create-ada", "ada@example.com")
        .send()
        .await
        .expect(201);
    assert_eq!(first.body, again.body, "the replay is the first response");
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(
        again.header("location"),
        first.header("location"),
        "headers the client acts on are replayed too"
    );
    assert!(again.header("location").is_some());
    let list = app
        // By name: the other users' emails hold random hex, which can contain "ada".
        .get("/api/v1/users?q=Lovelace")
        .auth(&admin)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(list["items"].as_array().unwrap().len(), 1, "written once");

    create(&admin, "create-ada", "bob@example.com")
        .send()
        .await
        .problem(409, "idempotency_key_reused");
    // Keys belong to their caller: another admin may use the same key for its own request.
    let other = app.admin().await;
    create(&other, "create-ada", "bob@example.com")
        .send()
        .await
        .expect(201);
    // Refusals are replayed too (the request is the same, so is the answer).
    let r1 = create(&admin, "dup", "ada@example.com")
        .send()
        .await
        .problem(409, "conflict");
    let r2 = create(&admin, "dup", "ada@example.com")
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(r1.body["detail"], r2.body["detail"]);
    create(&admin, "", "c@example.com")
        .send()
        .await
        .problem(400, "bad_request");
}

/// Many requests with one key at once (a client retrying before the first answer came back):
/// one effect, and every answer is the first one's.
async fn concurrent_requests_with_one_key_write_once(app: TestApp) {
    let rep = app.user(Role::SalesRep, None, None).await;
    let body =
        json!({ "company": "Once Ltd", "source_type": "inbound", "source_channel": "website" });
    let sends = (0..8).map(|_| {
        app.post("/api/v1/leads")
            .auth(&rep)
            .header("idempotency-key", "same-key")
            .json(&body)
            .send()
    });
    let answers = futures_util::future::join_all(sends).await;
    let first = &answers[0];
    for a in &answers {
        assert_eq!(a.status.as_u16(), 201, "{}", a.text);
        assert_eq!(a.body["id"], first.body["id"], "one lead, one answer");
        assert_eq!(a.header("location"), first.header("location"));
    }
    let fresh = answers
        .iter()
        .filter(|a| a.header("idempotent-replayed").is_none())
        .count();
    assert_eq!(fresh, 1, "exactly one request ran; the others were replays");
    let list = app
        .get("/api/v1/leads?q=Once")
        .auth(&rep)
        .send()
        .await
        .expect(200);
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1);
}

/// After the retention period a key's response body is dropped, but the key is never
/// forgotten: a late retry is told so (with `Location`) instead of running a second time.
async fn expired_keys_never_run_a_request_twice(app: TestApp) {
    use closebook_api::db::idempotency;
    let rep = app.user(Role::SalesRep, None, None).await;
    let body =
        json!({ "company": "Late Retry", "source_type": "inbound", "source_channel": "website" });
    let send = |key: &str| {
        app.post("/api/v1/leads")
            .auth(&rep)
            .header("idempotency-key", key)
            .json(&body)
    };
    let first = send("late").send().await.expect(201);
    // A refusal under another key: it changed nothing, so it is forgotten entirely.
    app.post("/api/v1/leads")
        .auth(&rep)
        .header("idempotency-key", "refused")
        .json(&json!({ "company": "" }))
        .send()
        .await
        .expect(422);
    let later = closebook_api::time::now() + chrono::Duration::hours(49);
    let (compacted, deleted) = app
        .db()
        .write(move |c| idempotency::compact(c, later))
        .await
        .unwrap();
    assert_eq!((compacted, deleted), (1, 1));
    let retry = send("late")
        .send()
        .await
        .problem(409, "idempotency_key_expired");
    assert_eq!(retry.header("location"), first.header("location"));
    // A different body under the expired key is still a misuse of the key.
    app.post("/api/v1/leads")
        .auth(&rep)
        .header("idempotency-key", "late")
        .json(&json!({ "company": "Other" }))
        .send()
        .await
        .problem(409, "idempotency_key_reused");
    let list = app
        .get("/api/v1/leads?q=Late")
        .auth(&rep)
        .send()
        .await
        .expect(200);
    assert_eq!(
        list.body["items"].as_array().unwrap().len(),
        1,
        "never written twice"
    );
}

async fn callers_over_the_rate_limit_get_429(app: TestApp) {
    let app = app
        .reconfigure(|s| s.limiter = NonZeroU32::new(60).map(Limiter::new))
        .await;
    let rep = app.user(Role::SalesRep, None, None).await;
    let other = app.user(Role::SalesRep, None, None).await;
    let mut limited = None;
    for _ in 0..30 {
        let res = app.get("/api/v1/me").auth(&rep).send().await;
        if res.status.as_u16() == 429 {
            limited = Some(res);
            break;
        }
    }
    let res = limited
        .expect("the burst (10) is exhausted well before 30 requests")
        .problem(429, "rate_limited");
    assert!(res.header("retry-after").unwrap().parse::<u64>().unwrap() >= 1);
    app.get("/api/v1/me").auth(&other).send().await.expect(200);
}

async fn writes_are_audited_with_before_after_and_request_id(app: TestApp) {
    let admin = app.admin().await;
    let created = app
        .post("/api/v1/users")
        .auth(&admin)
        .header("x-request-id", "req-create-1")
        .json(&user_body("ada@example.com"))
        .send()
        .await
        .expect(201);
    let id = created.body["id"].as_str().unwrap().to_owned();
    app.patch(&format!("/api/v1/users/{id}"))
        .auth(&admin)
        .json(&json!({ "title": "CTO" }))
        .send()
        .await
        .expect(200);
    let page = app
        .get(&format!("/api/v1/audit?entity_type=user&entity_id={id}"))
        .auth(&admin)
        .send()
        .await
        .expect(200)
        .body;
    let entries = page["items"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    let (update, create) = (&entries[0], &entries[1]);
    assert_eq!(create["action"], "user.create");
    assert_eq!(create["actor_id"], admin.id.to_string());
    assert_eq!(create["request_id"], "req-create-1");
    assert_eq!(create["before"], serde_json::Value::Null);
    assert_eq!(create["after"]["email"], "ada@example.com");
    assert_eq!(update["action"], "user.update");
    assert_eq!(update["before"]["title"], serde_json::Value::Null);
    assert_eq!(update["after"]["title"], "CTO");
    let text = serde_json::to_string(&page).unwrap();
    assert!(
        !text.contains("argon2"),
        "password hashes never reach the audit log"
    );

    let by_actor = app
        .get(&format!(
            "/api/v1/audit?actor_id={}&action=user.update",
            admin.id
        ))
        .auth(&admin)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(by_actor["items"].as_array().unwrap().len(), 1);
    let future = app
        .get("/api/v1/audit?from=2999-01-01T00:00:00Z")
        .auth(&admin)
        .send()
        .await
        .expect(200)
        .body;
    assert!(future["items"].as_array().unwrap().is_empty());
    // An empty range is an empty page, not an error.
    let empty = app
        .get("/api/v1/audit?from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z")
        .auth(&admin)
        .send()
        .await
        .expect(200)
        .body;
    assert!(empty["items"].as_array().unwrap().is_empty());
    app.get("/api/v1/audit?from=yesterday")
        .auth(&admin)
        .send()
        .await
        .problem(400, "bad_request");
    let rep = app.user(Role::SalesRep, None, None).await;
    app.get("/api/v1/audit")
        .auth(&rep)
        .send()
        .await
        .problem(403, "forbidden");

    // Pages walk the log newest first without repeats.
    let p1 = app
        .get("/api/v1/audit?limit=1")
        .auth(&admin)
        .send()
        .await
        .expect(200)
        .body;
    let p2 = app
        .get(&format!(
            "/api/v1/audit?limit=1&cursor={}",
            p1["next_cursor"].as_str().unwrap()
        ))
        .auth(&admin)
        .send()
        .await
        .expect(200)
        .body;
    assert!(p1["items"][0]["id"].as_str() > p2["items"][0]["id"].as_str());
}

async fn the_database_refuses_to_change_the_audit_log(app: TestApp) {
    let admin = app.admin().await;
    app.post("/api/v1/users")
        .auth(&admin)
        .json(&user_body("ada@example.com"))
        .send()
        .await
        .expect(201);
    let mut conn = app.db().write_conn().unwrap();
    let c: &mut closebook_api::db::DbConn = &mut conn;
    let update = diesel::update(audit_log::table)
        .set(audit_log::action.eq("forged"))
        .execute(c);
    assert!(update.is_err(), "UPDATE must be rejected");
    let delete = diesel::delete(audit_log::table).execute(c);
    assert!(delete.is_err(), "DELETE must be rejected");
    let n: i64 = audit_log::table.count().get_result(c).unwrap();
    assert!(n >= 1);
}

async fn events_are_written_with_the_change_or_not_at_all(app: TestApp) {
    let admin = app.admin().await;
    let count = |app: &TestApp| {
        let mut conn = app.db().write_conn().unwrap();
        let c: &mut closebook_api::db::DbConn = &mut conn;
        outbox_events::table
            .filter(outbox_events::event_type.eq("org.user.created"))
            .count()
            .get_result::<i64>(c)
            .unwrap()
    };
    let before = count(&app);
    app.post("/api/v1/users")
        .auth(&admin)
        .json(&user_body("ada@example.com"))
        .send()
        .await
        .expect(201);
    assert_eq!(count(&app), before + 1);
    // Refused after partial work (the email is taken): no event, no audit entry, no user.
    app.post("/api/v1/users")
        .auth(&admin)
        .json(&user_body("ADA@example.com"))
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(count(&app), before + 1);
}

on_both_backends!(
    bad_bodies_get_named_4xx_problems,
    unknown_routes_and_methods_are_problems,
    every_response_carries_a_request_id,
    health_and_readiness,
    idempotency_keys_replay_and_refuse_reuse,
    concurrent_requests_with_one_key_write_once,
    expired_keys_never_run_a_request_twice,
    callers_over_the_rate_limit_get_429,
    writes_are_audited_with_before_after_and_request_id,
    the_database_refuses_to_change_the_audit_log,
    events_are_written_with_the_change_or_not_at_all,
);
