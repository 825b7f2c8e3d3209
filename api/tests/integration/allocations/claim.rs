//! Claiming a lead nobody holds, and the "My Territory" card.

use closebook_shared::Role;
use serde_json::json;

use super::common::TestApp;
use super::{allocations_of, id, new_lead, world};

pub(crate) async fn a_rep_claims_what_nobody_holds_and_sees_its_territory_card(app: TestApp) {
    let w = world(&app, 1).await;
    let rep = &w.reps[0];
    let intake = format!("/api/v1/users/{}/intake", rep.id);
    app.patch(&intake)
        .auth(rep)
        .json(&json!({ "intake_paused": true }))
        .send()
        .await
        .expect(200);
    let waiting = new_lead(&app, &w, "Waiting").await;
    assert_eq!(waiting["owner_id"], serde_json::Value::Null);
    assert_eq!(waiting["territory_id"], w.micro);

    // The rep sees the leads nobody holds in its territory; another rep does not.
    let listed = app
        .get("/api/v1/leads?owner=none")
        .auth(rep)
        .send()
        .await
        .expect(200)
        .body;
    let ids: Vec<&str> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [waiting["id"].as_str().unwrap()]);
    let stranger = app.user(Role::SalesRep, None, None).await;
    let lead_path = format!("/api/v1/leads/{}", id(&waiting));
    app.get(&lead_path)
        .auth(&stranger)
        .send()
        .await
        .problem(404, "not_found");
    app.post(&format!("{lead_path}/claim"))
        .auth(&stranger)
        .send()
        .await
        .problem(404, "not_found");
    // Seeing is not working it: only claiming.
    app.patch(&lead_path)
        .auth(rep)
        .json(&json!({ "next_action": "call" }))
        .send()
        .await
        .problem(404, "not_found");
    app.post(&format!("{lead_path}/claim"))
        .auth(&w.manager)
        .send()
        .await
        .problem(403, "forbidden");

    let claimed = app
        .post(&format!("{lead_path}/claim"))
        .auth(rep)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(claimed["owner_id"], rep.id.to_string());
    let history = allocations_of(&app, &w, &waiting).await;
    assert_eq!(history[0]["status"], "accepted");
    assert_eq!(history[0]["allocation_type"], "manual");
    assert_eq!(
        history[0]["allocation_reason"],
        "Claimed by the rep from its territory"
    );
    assert_eq!(
        history[1]["status"], "reassigned",
        "it left the overflow pool"
    );
    app.post(&format!("{lead_path}/claim"))
        .auth(rep)
        .send()
        .await
        .problem(409, "conflict");

    // Capacity holds for claims too.
    app.patch(&intake)
        .auth(&w.manager)
        .json(&json!({ "capacity": 1 }))
        .send()
        .await
        .expect(200);
    let second = new_lead(&app, &w, "Second").await;
    let res = app
        .post(&format!("/api/v1/leads/{}/claim", id(&second)))
        .auth(rep)
        .send()
        .await
        .problem(409, "conflict");
    assert!(res.text.contains("holds 1 of 1"), "{}", res.text);

    // The card: two leads in the territory, one held, one available, nothing won yet.
    let card = app
        .get("/api/v1/territories/mine")
        .auth(rep)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(card["territories"][0]["id"], w.micro);
    assert_eq!(card["addressable"], 2);
    assert_eq!(card["claimed"], 1);
    assert_eq!(card["available"], 1);
    assert_eq!(card["won_clients"], 0);
    assert_eq!(card["penetration_percent"], 0.0);
    assert_eq!(card["production"]["status"], "red");
    app.post(&format!("{lead_path}/outcome"))
        .auth(rep)
        .json(&json!({ "outcome": "won" }))
        .send()
        .await
        .expect(200);
    let card = app
        .get("/api/v1/territories/mine")
        .auth(rep)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(card["won_clients"], 1);
    assert_eq!(card["penetration_percent"], 50.0);
    assert_eq!(card["production"]["closes_90_days"], 1);
    assert_eq!(card["production"]["monthly_average"], 0.33);
    // The won lead's allocation is complete: the queue is free again.
    assert_eq!(
        allocations_of(&app, &w, &waiting).await[0]["status"],
        "completed"
    );
    // Someone with no territory gets an empty card.
    let empty = app
        .get("/api/v1/territories/mine")
        .auth(&stranger)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(empty["territories"], json!([]));
    assert_eq!(empty["addressable"], 0);
}

pub(crate) async fn the_production_thresholds_are_settings(app: TestApp) {
    let w = world(&app, 1).await;
    let rep = &w.reps[0];
    let res = app
        .patch("/api/v1/settings")
        .auth(&w.admin)
        .json(&json!({ "production": { "green_per_month": 2, "yellow_per_month": 3 } }))
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(res.fields(), ["production.yellow_per_month"]);
    let set = app
        .patch("/api/v1/settings")
        .auth(&w.admin)
        .json(&json!({ "production": { "green_per_month": 1, "yellow_per_month": 1 } }))
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(set["production"]["green_per_month"], 1);
    assert_eq!(
        set["allocation"]["max_active_leads"], 25,
        "the seed's defaults"
    );
    assert_eq!(set["allocation"]["sla_minutes"], 120);
    // (closes, status): green is one a month, so three over 90 days.
    for (n, want) in [(1, "red"), (2, "red"), (3, "green")] {
        let lead = app
            .post("/api/v1/leads")
            .auth(rep)
            .json(&json!({ "company": format!("Won {n}") }))
            .send()
            .await
            .expect(201)
            .body;
        app.post(&format!("/api/v1/leads/{}/outcome", id(&lead)))
            .auth(rep)
            .json(&json!({ "outcome": "won" }))
            .send()
            .await
            .expect(200);
        let card = app
            .get("/api/v1/territories/mine")
            .auth(rep)
            .send()
            .await
            .body;
        assert_eq!(card["production"]["status"], want, "{n} closes");
    }
}
