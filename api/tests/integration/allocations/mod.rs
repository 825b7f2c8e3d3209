//! Allocation: new leads reach the territory's reps in turn, within capacity, with a recorded
//! reason; reps accept or reject; managers reassign; the SLA moves unanswered leads on; reps
//! claim what nobody holds; parallel allocations stay fair.

mod claim;
use crate::common;
mod fairness;
mod intake;
mod respond;
mod sla;

use closebook_shared::Role;
use common::{TestApp, TestUser};
use serde_json::{Value, json};

use claim::{
    a_rep_claims_what_nobody_holds_and_sees_its_territory_card,
    the_production_thresholds_are_settings,
};
use fairness::{parallel_allocations_keep_capacity_and_turn, parallel_allocations_stay_within_one};
use intake::{
    availability_capacity_and_skills_decide_who_is_eligible, reps_set_their_own_availability_only,
};
use respond::{a_rejected_lead_moves_on_then_overflows, managers_reassign_one_or_many};
use sla::an_unanswered_allocation_expires_and_moves_on;

/// A manager, its reps (in the order they were made: the round robin's tie-break) owning one
/// micro-territory around (10.5, 10.5).
pub(crate) struct World {
    pub(crate) admin: TestUser,
    pub(crate) manager: TestUser,
    pub(crate) reps: Vec<TestUser>,
    pub(crate) micro: String,
}

pub(crate) async fn world(app: &TestApp, n_reps: usize) -> World {
    let admin = app.admin().await;
    let manager = app.user(Role::SalesManager, None, None).await;
    let mut reps = Vec::new();
    for _ in 0..n_reps {
        reps.push(app.user(Role::SalesRep, None, Some(manager.id)).await);
    }
    let square = |w: f64, s: f64, e: f64, n: f64| json!({ "type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
    let draw = |body: Value| {
        let (app, manager) = (app, &manager);
        async move {
            app.post("/api/v1/territories")
                .auth(manager)
                .json(&body)
                .send()
                .await
                .expect(201)
                .id()
        }
    };
    let region = draw(
        json!({ "name": "Region", "kind": "region", "geometry": square(0.0, 0.0, 20.0, 20.0) }),
    )
    .await;
    let area = draw(json!({ "name": "Area", "kind": "area", "parent_id": region, "geometry": square(5.0, 5.0, 15.0, 15.0) })).await;
    let micro = draw(json!({ "name": "Micro", "kind": "micro", "parent_id": area, "geometry": square(10.0, 10.0, 11.0, 11.0) })).await;
    for rep in &reps {
        app.post(&format!("/api/v1/territories/{micro}/assignments"))
            .auth(&manager)
            .json(&json!({ "user_id": rep.id, "role": "owner" }))
            .send()
            .await
            .expect(201);
    }
    World {
        admin,
        manager,
        reps,
        micro,
    }
}

/// A lead the manager creates without an owner inside the micro-territory (so it is allocated);
/// returns the lead.
pub(crate) async fn new_lead(app: &TestApp, w: &World, company: &str) -> Value {
    app.post("/api/v1/leads")
        .auth(&w.manager)
        .json(&json!({ "company": company, "latitude": 10.5, "longitude": 10.5 }))
        .send()
        .await
        .expect(201)
        .body
}

/// The lead's allocations, newest first, as the manager sees them.
pub(crate) async fn allocations_of(app: &TestApp, w: &World, lead: &Value) -> Vec<Value> {
    let lead_id = lead["id"].as_str().unwrap();
    app.get(&format!("/api/v1/allocations?lead_id={lead_id}"))
        .auth(&w.admin)
        .send()
        .await
        .expect(200)
        .body["items"]
        .as_array()
        .unwrap()
        .clone()
}

pub(crate) fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

async fn new_leads_go_round_the_territory_reps(app: TestApp) {
    let w = world(&app, 3).await;
    let mut owners = Vec::new();
    for n in 0..6 {
        let lead = new_lead(&app, &w, &format!("Round {n}")).await;
        owners.push(lead["owner_id"].as_str().unwrap().to_owned());
    }
    let r: Vec<String> = w.reps.iter().map(|r| r.id.to_string()).collect();
    assert_eq!(
        owners,
        [&r[0], &r[1], &r[2], &r[0], &r[1], &r[2]].map(String::clone),
        "each in turn"
    );

    let first = new_lead(&app, &w, "Traced").await;
    let allocation = &allocations_of(&app, &w, &first).await[0];
    assert_eq!(allocation["rm_id"], first["owner_id"]);
    assert_eq!(allocation["status"], "pending");
    assert_eq!(allocation["allocation_type"], "geographic");
    assert_eq!(allocation["is_reassignment"], false);
    assert_eq!(
        allocation["priority"], 5,
        "a lead with no score is the lowest priority"
    );
    assert_eq!(
        allocation["allocation_reason"],
        "Geographic: the longest-waiting of 3 eligible reps"
    );
    let allocated: chrono::DateTime<chrono::Utc> = allocation["allocated_at"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let deadline: chrono::DateTime<chrono::Utc> = allocation["sla_deadline"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        deadline - allocated,
        chrono::Duration::minutes(120),
        "LAR-006's two hours"
    );
    let rules: Vec<&str> = allocation["trace"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "availability",
            "geographic_match",
            "capacity",
            "skill_match",
            "nearest_territory",
            "performance_boost",
            "round_robin"
        ]
    );
    let turn = &allocation["trace"][6];
    assert_eq!(turn["remaining"], 1);
    assert_eq!(turn["excluded"].as_array().unwrap().len(), 2);
    assert_eq!(turn["excluded"][0]["reason"], "later_in_turn");

    // The rep's queue, its notifications; another rep sees neither.
    let r0 = &w.reps[0];
    let queue = app
        .get(&format!("/api/v1/allocations/rm/{}/queue", r0.id))
        .auth(r0)
        .send()
        .await
        .expect(200);
    assert_eq!(queue.body.as_array().unwrap().len(), 3);
    app.get(&format!("/api/v1/allocations/rm/{}/queue", r0.id))
        .auth(&w.reps[1])
        .send()
        .await
        .problem(404, "not_found");
    let unread = app
        .get("/api/v1/notifications/unread-count")
        .auth(r0)
        .send()
        .await
        .expect(200);
    assert_eq!(unread.body["unread"], 3);
    let notes = app
        .get("/api/v1/notifications?unread=true")
        .auth(r0)
        .send()
        .await
        .expect(200);
    assert_eq!(notes.body["items"][0]["kind"], "allocation_new");
    assert_eq!(notes.body["items"][0]["title"], "New lead: Traced");
    let note = id(&notes.body["items"][0]);
    app.post(&format!("/api/v1/notifications/{note}/read"))
        .auth(&w.reps[1])
        .send()
        .await
        .problem(404, "not_found");
    let read = app
        .post(&format!("/api/v1/notifications/{note}/read"))
        .auth(r0)
        .send()
        .await
        .expect(200);
    assert!(read.body["read_at"].is_string());
    let all = app
        .post("/api/v1/notifications/read-all")
        .auth(r0)
        .send()
        .await
        .expect(200);
    assert_eq!(all.body["unread"], 0);

    // A rep's own lead is its own: no allocation.
    let own = app
        .post("/api/v1/leads")
        .auth(r0)
        .json(&json!({ "company": "Mine", "latitude": 10.5, "longitude": 10.5 }))
        .send()
        .await
        .expect(201)
        .body;
    assert_eq!(own["owner_id"], r0.id.to_string());
    assert!(allocations_of(&app, &w, &own).await.is_empty());
}

async fn allocating_checks_the_lead_and_the_caller(app: TestApp) {
    let w = world(&app, 1).await;
    let rep = &w.reps[0];
    let lead = new_lead(&app, &w, "Taken").await;
    // (caller, body, status, code, field)
    let table: Vec<(&TestUser, Value, u16, &str, Option<&str>)> = vec![
        (
            rep,
            json!({ "lead_id": lead["id"] }),
            403,
            "forbidden",
            None,
        ),
        (
            &w.manager,
            json!({}),
            422,
            "validation_failed",
            Some("lead_id"),
        ),
        (
            &w.manager,
            json!({ "lead_id": "01890a5d-ac96-774b-bcce-b302099a8057" }),
            409,
            "invalid_reference",
            Some("lead_id"),
        ),
        (
            &w.manager,
            json!({ "lead_id": lead["id"] }),
            409,
            "conflict",
            Some("lead_id"),
        ),
        (
            &w.manager,
            json!({ "lead_id": lead["id"], "reason": " " }),
            422,
            "validation_failed",
            Some("reason"),
        ),
    ];
    for (who, body, status, code, field) in table {
        let res = app
            .post("/api/v1/allocations")
            .auth(who)
            .json(&body)
            .send()
            .await
            .problem(status, code);
        if let Some(f) = field {
            assert!(res.fields().contains(&f.to_owned()), "{body}: {}", res.text);
        }
    }
    let allocation = id(&allocations_of(&app, &w, &lead).await[0]);
    app.get(&format!("/api/v1/allocations/{allocation}"))
        .auth(rep)
        .send()
        .await
        .expect(200);
    let stranger = app.user(Role::SalesRep, None, None).await;
    app.get(&format!("/api/v1/allocations/{allocation}"))
        .auth(&stranger)
        .send()
        .await
        .problem(404, "not_found");
    // A lead outside every territory: nobody serves it, and the reason says so.
    let nowhere = app
        .post("/api/v1/leads")
        .auth(&w.manager)
        .json(&json!({ "company": "Nowhere Ltd", "latitude": -40.0, "longitude": 100.0 }))
        .send()
        .await
        .expect(201)
        .body;
    assert_eq!(nowhere["owner_id"], Value::Null);
    assert_eq!(nowhere["territory_id"], Value::Null);
    let pooled = &allocations_of(&app, &w, &nowhere).await[0];
    assert_eq!(pooled["status"], "escalated");
    assert_eq!(
        pooled["allocation_reason"],
        "Overflow: the lead lies in no territory"
    );
    app.get("/api/v1/allocations/not-an-id")
        .auth(rep)
        .send()
        .await
        .problem(404, "not_found");
}

on_both_backends!(
    new_leads_go_round_the_territory_reps,
    allocating_checks_the_lead_and_the_caller,
    a_rejected_lead_moves_on_then_overflows,
    managers_reassign_one_or_many,
    availability_capacity_and_skills_decide_who_is_eligible,
    reps_set_their_own_availability_only,
    an_unanswered_allocation_expires_and_moves_on,
    a_rep_claims_what_nobody_holds_and_sees_its_territory_card,
    the_production_thresholds_are_settings,
    parallel_allocations_keep_capacity_and_turn,
    parallel_allocations_stay_within_one,
);
