//! Who is eligible: availability, paused intake, capacity (LAR-002) and skills (LAR-003).

use serde_json::json;

use super::common::TestApp;
use super::{allocations_of, id, new_lead, world};

pub(crate) async fn availability_capacity_and_skills_decide_who_is_eligible(app: TestApp) {
    let w = world(&app, 3).await;
    let (r0, r1, r2) = (&w.reps[0], &w.reps[1], &w.reps[2]);
    let intake = |rep: &super::common::TestUser| format!("/api/v1/users/{}/intake", rep.id);
    let set = |who, rep, body| {
        let (app, path) = (&app, intake(rep));
        async move {
            app.patch(&path)
                .auth(who)
                .json(&body)
                .send()
                .await
                .expect(200)
                .body
        }
    };
    let fresh = app.get(&intake(r0)).auth(r0).send().await.expect(200).body;
    assert_eq!(fresh["availability"], "available");
    assert_eq!(fresh["capacity"], serde_json::Value::Null);
    assert_eq!(fresh["version"], 0, "never set");
    let capped = set(&w.manager, r0, json!({ "capacity": 1 })).await;
    assert_eq!(capped["capacity"], 1);
    assert_eq!(capped["version"], 1);
    set(&w.manager, r1, json!({ "availability": "on_leave" })).await;
    set(r2, r2, json!({ "intake_paused": true })).await;

    let a = new_lead(&app, &w, "A").await;
    assert_eq!(a["owner_id"], r0.id.to_string(), "the only rep available");
    let b = new_lead(&app, &w, "B").await;
    assert_eq!(
        b["owner_id"],
        serde_json::Value::Null,
        "r0 is full: overflow"
    );
    let pooled = &allocations_of(&app, &w, &b).await[0];
    assert_eq!(
        pooled["allocation_reason"],
        "Overflow: no rep is eligible (1 on leave, 1 intake paused, 1 queue at capacity)"
    );
    // A manager cannot go over capacity by hand either.
    let res = app
        .post(&format!("/api/v1/allocations/{}/reassign", id(pooled)))
        .auth(&w.manager)
        .json(&json!({ "rm_id": r0.id, "reason": "please" }))
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(res.fields(), ["rm_id"]);
    assert!(
        res.text.contains("holds 1 of 1 active leads"),
        "{}",
        res.text
    );
    app.post(&format!("/api/v1/allocations/{}/reassign", id(pooled)))
        .auth(&w.manager)
        .json(&json!({ "rm_id": r1.id, "reason": "please" }))
        .send()
        .await
        .problem(409, "conflict");

    // Skills: a lead tagged with a segment goes to the rep that has it (preferred by default).
    set(r2, r2, json!({ "intake_paused": false })).await;
    set(&w.manager, r1, json!({ "availability": "available" })).await;
    set(
        &w.manager,
        r2,
        json!({ "skills": ["Solar", " solar ", "Roofing"] }),
    )
    .await;
    let skilled = app.get(&intake(r2)).auth(&w.manager).send().await.body;
    assert_eq!(
        skilled["skills"],
        json!(["Roofing", "Solar"]),
        "trimmed, once each"
    );
    let c = app
        .post("/api/v1/leads")
        .auth(&w.manager)
        .json(&json!({ "company": "C", "latitude": 10.5, "longitude": 10.5, "tags": ["solar"] }))
        .send()
        .await
        .expect(201)
        .body;
    assert_eq!(
        c["owner_id"],
        r2.id.to_string(),
        "r1 is first in turn, but r2 has the skill"
    );
    assert_eq!(
        allocations_of(&app, &w, &c).await[0]["allocation_type"],
        "skill_based"
    );
    let d = new_lead(&app, &w, "D").await;
    assert_eq!(
        d["owner_id"],
        r1.id.to_string(),
        "no segment: the round robin"
    );

    let workload = app
        .get("/api/v1/allocations/workload")
        .auth(&w.manager)
        .send()
        .await
        .expect(200)
        .body;
    let reps = workload["reps"].as_array().unwrap();
    assert_eq!(reps.len(), 3);
    let of = |rep: &super::common::TestUser| {
        reps.iter()
            .find(|r| r["rm_id"] == rep.id.to_string())
            .unwrap()
            .clone()
    };
    assert_eq!(of(r0)["queue_depth"], 1);
    assert_eq!(of(r0)["capacity"], 1);
    assert_eq!(of(r0)["utilisation_percent"], 100);
    assert_eq!(of(r1)["capacity"], 25);
    assert_eq!(of(r1)["utilisation_percent"], 4);
    assert_eq!(workload["overflow"], 1);
    assert_eq!(workload["balanced"], false);
    // A rep sees its own row only.
    let own = app
        .get("/api/v1/allocations/workload")
        .auth(r0)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(own["reps"].as_array().unwrap().len(), 1);
    assert_eq!(own["overflow"], 0);
}

pub(crate) async fn reps_set_their_own_availability_only(app: TestApp) {
    let w = world(&app, 2).await;
    let (r0, r1) = (&w.reps[0], &w.reps[1]);
    let path = format!("/api/v1/users/{}/intake", r0.id);
    // (body, status, field)
    let table = [
        (json!({ "capacity": 30 }), 403, Some("capacity")),
        (json!({ "skills": ["x"] }), 403, Some("skills")),
        (
            json!({ "availability": "on_leave" }),
            403,
            Some("availability"),
        ),
        (json!({ "availability": "offline" }), 200, None),
        (
            json!({ "availability": "available", "intake_paused": true }),
            200,
            None,
        ),
    ];
    for (body, status, field) in table {
        let res = app
            .patch(&path)
            .auth(r0)
            .json(&body)
            .send()
            .await
            .expect(status);
        if let Some(f) = field {
            assert_eq!(res.fields(), [f], "{body}");
        }
    }
    app.patch(&path)
        .auth(r1)
        .json(&json!({ "intake_paused": false }))
        .send()
        .await
        .problem(404, "not_found");
    // Values are judged, and a stale version is refused.
    let res = app
        .patch(&path)
        .auth(&w.manager)
        .json(&json!({ "capacity": 1001, "skills": [""] }))
        .send()
        .await
        .problem(422, "validation_failed");
    let mut fields = res.fields();
    fields.dedup();
    assert_eq!(fields, ["capacity", "skills[0]"], "{}", res.text);
    app.patch(&path)
        .auth(&w.manager)
        .json(&json!({ "capacity": 3, "version": 1 }))
        .send()
        .await
        .problem(412, "version_mismatch");
    let cleared = app
        .patch(&path)
        .auth(&w.manager)
        .json(&json!({ "capacity": null, "version": 2 }))
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(cleared["capacity"], serde_json::Value::Null);
    // A manager is no rep: it has no intake.
    app.get(&format!("/api/v1/users/{}/intake", w.manager.id))
        .auth(&w.admin)
        .send()
        .await
        .problem(404, "not_found");
}
