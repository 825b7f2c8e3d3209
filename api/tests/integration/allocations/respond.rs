//! The rep's accept and reject, and the manager's reassignments.

use serde_json::json;

use super::common::TestApp;
use super::{allocations_of, id, new_lead, world};

pub(crate) async fn a_rejected_lead_moves_on_then_overflows(app: TestApp) {
    let w = world(&app, 2).await;
    let (r0, r1) = (&w.reps[0], &w.reps[1]);
    let lead = new_lead(&app, &w, "Hot potato").await;
    assert_eq!(lead["owner_id"], r0.id.to_string());
    let first = id(&allocations_of(&app, &w, &lead).await[0]);
    let path = |a: &str, what: &str| format!("/api/v1/allocations/{a}/{what}");

    // Only its rep answers it: the other rep does not see it, the manager may not.
    app.patch(&path(&first, "accept"))
        .auth(r1)
        .send()
        .await
        .problem(404, "not_found");
    app.patch(&path(&first, "accept"))
        .auth(&w.manager)
        .send()
        .await
        .problem(403, "forbidden");
    let res = app
        .patch(&path(&first, "reject"))
        .auth(r0)
        .json(&json!({ "reason": "" }))
        .send()
        .await
        .problem(422, "validation_failed");
    assert!(res.fields().iter().all(|f| f == "reason"), "{}", res.text);

    let rejected = app
        .patch(&path(&first, "reject"))
        .auth(r0)
        .json(&json!({ "reason": "Not my segment" }))
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(rejected["status"], "rejected");
    assert_eq!(rejected["rejection_reason"], "Not my segment");
    assert!(rejected["ended_at"].is_string());
    let second = rejected["superseded_by"].as_str().unwrap().to_owned();
    let moved = app
        .get(&format!("/api/v1/allocations/{second}"))
        .auth(r1)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(moved["rm_id"], r1.id.to_string());
    assert_eq!(moved["is_reassignment"], true);
    assert_eq!(moved["previous_rm_id"], r0.id.to_string());
    let lead_path = format!("/api/v1/leads/{}", id(&lead));
    let now = app.get(&lead_path).auth(r1).send().await.expect(200).body;
    assert_eq!(now["owner_id"], r1.id.to_string());
    // A rejected allocation is over: answering it again is a conflict.
    app.patch(&path(&first, "reject"))
        .auth(r0)
        .json(&json!({ "reason": "again" }))
        .send()
        .await
        .problem(409, "conflict");

    // The second rep turns it down too: nobody is left who has not, so it overflows.
    let overflowed = app
        .patch(&path(&second, "reject"))
        .auth(r1)
        .json(&json!({ "reason": "Too far" }))
        .send()
        .await
        .expect(200)
        .body;
    let pool = id(&json!({ "id": overflowed["superseded_by"] }));
    let pooled = app
        .get(&format!("/api/v1/allocations/{pool}"))
        .auth(&w.manager)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(pooled["status"], "escalated");
    assert_eq!(pooled["rm_id"], serde_json::Value::Null);
    assert_eq!(pooled["allocation_type"], "overflow");
    assert_eq!(
        pooled["allocation_reason"],
        "Overflow: no rep is eligible (2 turned this lead down or let it lapse)"
    );
    let unheld = app
        .get(&lead_path)
        .auth(&w.manager)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(unheld["owner_id"], serde_json::Value::Null);
    assert_eq!(unheld["owner_name"], serde_json::Value::Null);
    // Nobody holds it: it does not move through the pipeline until someone does.
    app.post(&format!("{lead_path}/outcome"))
        .auth(&w.manager)
        .json(&json!({ "outcome": "won" }))
        .send()
        .await
        .problem(409, "conflict");
    let workload = app
        .get("/api/v1/allocations/workload")
        .auth(&w.manager)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(workload["overflow"], 1);
    let overflow_notes = app
        .get("/api/v1/notifications")
        .auth(&w.manager)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(overflow_notes["items"][0]["kind"], "allocation_overflow");

    // The manager places it by hand; the rep accepts once.
    let placed = app
        .post(&path(&pool, "reassign"))
        .auth(&w.manager)
        .json(&json!({ "rm_id": r0.id, "reason": "Talked it over" }))
        .send()
        .await
        .expect(201);
    let placed_id = placed.id();
    assert_eq!(
        placed.header("location"),
        Some(format!("/api/v1/allocations/{placed_id}").as_str())
    );
    assert_eq!(placed.body["allocation_type"], "manual");
    assert_eq!(placed.body["allocated_by"], w.manager.id.to_string());
    assert_eq!(placed.body["reassignment_reason"], "Talked it over");
    let accepted = app
        .patch(&path(&placed_id, "accept"))
        .auth(r0)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(accepted["status"], "accepted");
    assert!(accepted["accepted_at"].is_string());
    app.patch(&path(&placed_id, "accept"))
        .auth(r0)
        .send()
        .await
        .problem(409, "conflict");
    // Every step is in the lead's history of allocations.
    let statuses: Vec<String> = allocations_of(&app, &w, &lead)
        .await
        .iter()
        .map(|a| a["status"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(statuses, ["accepted", "reassigned", "rejected", "rejected"]);
}

pub(crate) async fn managers_reassign_one_or_many(app: TestApp) {
    let w = world(&app, 3).await;
    let (r0, r1, r2) = (&w.reps[0], &w.reps[1], &w.reps[2]);
    let a = new_lead(&app, &w, "A").await; // r0
    let b = new_lead(&app, &w, "B").await; // r1
    let c = new_lead(&app, &w, "C").await; // r2
    let alloc = |lead| {
        let (app, w) = (&app, &w);
        async move { id(&allocations_of(app, w, lead).await[0]) }
    };
    let (aa, ab, ac) = (alloc(&a).await, alloc(&b).await, alloc(&c).await);

    // The rep may not; a reason is required; the holder is not a new rep.
    let reassign = |who, allocation: &str, body| {
        let path = format!("/api/v1/allocations/{allocation}/reassign");
        let app = &app;
        async move { app.post(&path).auth(who).json(&body).send().await }
    };
    reassign(r0, &aa, json!({ "reason": "mine" }))
        .await
        .problem(403, "forbidden");
    let res = reassign(&w.manager, &aa, json!({ "rm_id": r1.id }))
        .await
        .problem(422, "validation_failed");
    assert_eq!(res.fields(), ["reason"]);
    reassign(&w.manager, &aa, json!({ "rm_id": r0.id, "reason": "same" }))
        .await
        .problem(422, "validation_failed");
    // Without a rep named, the engine chooses without the current one, keeping the deadline.
    let before = app
        .get(&format!("/api/v1/allocations/{aa}"))
        .auth(&w.manager)
        .send()
        .await
        .body;
    let moved = reassign(
        &w.manager,
        &aa,
        json!({ "reason": "Balance", "reset_sla": false }),
    )
    .await
    .expect(201)
    .body;
    assert_ne!(moved["rm_id"], r0.id.to_string());
    assert_eq!(moved["sla_deadline"], before["sla_deadline"]);
    let old = app
        .get(&format!("/api/v1/allocations/{aa}"))
        .auth(&w.manager)
        .send()
        .await
        .body;
    assert_eq!(old["status"], "reassigned");
    assert_eq!(old["superseded_by"], moved["id"]);
    let told = app.get("/api/v1/notifications").auth(r0).send().await.body;
    assert_eq!(told["items"][0]["kind"], "allocation_reassigned");
    assert_eq!(
        told["items"][0]["body"],
        "A manager moved the lead: Balance"
    );
    // An ended allocation is not reassigned again.
    reassign(&w.manager, &aa, json!({ "reason": "again" }))
        .await
        .problem(409, "conflict");

    // In bulk: all or none.
    let bad = app
        .post("/api/v1/allocations/bulk-reassign")
        .auth(&w.manager)
        .json(&json!({ "allocation_ids": [ab, aa], "rm_id": r2.id, "reason": "Cover" }))
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(
        bad.fields(),
        ["allocation_ids[1]"],
        "the id at fault, as the request placed it"
    );
    let still = app
        .get(&format!("/api/v1/allocations/{ab}"))
        .auth(&w.manager)
        .send()
        .await
        .body;
    assert_eq!(still["status"], "pending", "nothing moved");
    let bulk = app
        .post("/api/v1/allocations/bulk-reassign")
        .auth(&w.manager)
        .json(&json!({ "allocation_ids": [ab, ab], "rm_id": r2.id, "reason": "Cover" }))
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(
        bulk.as_array().unwrap().len(),
        1,
        "an id named twice counts once"
    );
    assert_eq!(bulk[0]["rm_id"], r2.id.to_string());
    let _ = ac;
    app.post("/api/v1/allocations/bulk-reassign")
        .auth(&w.manager)
        .json(&json!({ "allocation_ids": [], "reason": "none" }))
        .send()
        .await
        .problem(422, "validation_failed");
}
