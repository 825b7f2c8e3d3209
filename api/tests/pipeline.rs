//! Pipeline: pipelines and stages, leads (create, validation, duplicates, cold sources, scope,
//! allowlisted edit, stage moves, outcome, reassignment, deal), activities and their effect on
//! follow-up fields, notes privacy, touches, referral asks, scripts, clients, list filters.

mod common;

use chrono::{Duration, Utc};
use closebook_shared::Role;
use common::{TestApp, TestUser};
use serde_json::{Value, json};

const ASSISTED: &str = "00000000-0000-7000-8000-000000000001";
const NEW_STAGE: &str = "00000000-0000-7000-8001-000000000101";
const CONTACTED: &str = "00000000-0000-7000-8001-000000000102";
const NEGOTIATION: &str = "00000000-0000-7000-8001-000000000107";
const CLOSED_WON: &str = "00000000-0000-7000-8001-000000000109";

/// A team with a manager and two reps, plus another team's rep and manager.
struct Org {
    admin: TestUser,
    manager: TestUser,
    rep: TestUser,
    teammate: TestUser,
    other_manager: TestUser,
    other_rep: TestUser,
    finance: TestUser,
    partner: TestUser,
}

async fn org(app: &TestApp) -> Org {
    let manager = app.user(Role::SalesManager, None, None).await;
    let team = app.team("North", Some(manager.id)).await;
    let other_manager = app.user(Role::SalesManager, None, None).await;
    let other_team = app.team("South", Some(other_manager.id)).await;
    Org {
        admin: app.admin().await,
        rep: app.user(Role::SalesRep, Some(team), None).await,
        teammate: app.user(Role::SalesRep, Some(team), None).await,
        other_rep: app.user(Role::SalesRep, Some(other_team), None).await,
        manager,
        other_manager,
        finance: app.user(Role::Finance, None, None).await,
        partner: app.user(Role::Partner, None, None).await,
    }
}

async fn new_lead(app: &TestApp, who: &TestUser, body: Value) -> Value {
    new_lead_with(app, who, "/api/v1/leads", body).await
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

async fn built_in_pipelines_and_admin_edits(app: TestApp) {
    let o = org(&app).await;
    let list = app
        .get("/api/v1/pipelines")
        .auth(&o.rep)
        .send()
        .await
        .expect(200);
    let names: Vec<&str> = list
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Assisted sales", "B2B wholesale"]);
    let assisted = &list.body[0];
    assert_eq!(assisted["is_default"], true);
    let keys: Vec<&str> = assisted["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "NEW",
            "CONTACTED",
            "REQUIREMENTS_CAPTURED",
            "SHORTLIST_SENT",
            "VISIT_SCHEDULED",
            "VISIT_COMPLETED",
            "NEGOTIATION",
            "AGREEMENT_PENDING",
            "CLOSED_WON",
            "CLOSED_LOST"
        ]
    );
    let b2b_keys: Vec<&str> = list.body[1]["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        b2b_keys,
        [
            "new",
            "contacted",
            "qualified",
            "demo_scheduled",
            "demo_completed",
            "proposal_sent",
            "negotiation",
            "closed_won",
            "closed_lost"
        ]
    );

    // Validation: a pipeline needs exactly one won and one lost stage.
    let bad = app
        .post("/api/v1/pipelines")
        .auth(&o.admin)
        .json(&json!({ "name": "Bad", "stages": [
            { "name": "New", "probability": 10, "kind": "open" },
            { "name": "Won", "probability": 100, "kind": "won" },
            { "name": "Also won", "probability": 100, "kind": "won" } ] }))
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(bad.fields(), ["stages", "stages"]);
    app.post("/api/v1/pipelines")
        .auth(&o.manager)
        .json(&json!({ "name": "Nope", "stages": [
            { "name": "New", "probability": 10, "kind": "open" },
            { "name": "Won", "probability": 100, "kind": "won" },
            { "name": "Lost", "probability": 0, "kind": "lost" } ] }))
        .send()
        .await
        .problem(403, "forbidden");

    let created = app
        .post("/api/v1/pipelines")
        .auth(&o.admin)
        .json(&json!({ "name": "Renewals", "stages": [
            { "name": "Due", "probability": 20, "kind": "open" },
            { "name": "Quoted", "probability": 60, "kind": "open" },
            { "name": "Renewed", "probability": 100, "kind": "won" },
            { "name": "Churned", "probability": 0, "kind": "lost" } ] }))
        .send()
        .await
        .expect(201);
    let pid = id(&created.body);
    let stages = created.body["stages"].as_array().unwrap().clone();
    assert_eq!(stages[1]["key"], "quoted");

    // A lead in "Due", then: reorder and rename (fine), delete "Due" (refused while it has leads).
    let lead = new_lead(
        &app,
        &o.rep,
        json!({ "company": "Renew Co", "pipeline_id": pid }),
    )
    .await;
    assert_eq!(lead["stage_key"], "due");
    let reordered = json!({ "version": 1, "stages": [
        { "id": stages[1]["id"], "name": "Quote sent", "probability": 65, "kind": "open" },
        { "id": stages[0]["id"], "key": "due", "name": "Due soon", "probability": 20, "kind": "open" },
        { "id": stages[2]["id"], "name": "Renewed", "probability": 100, "kind": "won" },
        { "id": stages[3]["id"], "name": "Churned", "probability": 0, "kind": "lost" } ] });
    let got = app
        .patch(&format!("/api/v1/pipelines/{pid}"))
        .auth(&o.admin)
        .json(&reordered)
        .send()
        .await
        .expect(200);
    let names: Vec<&str> = got.body["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Quote sent", "Due soon", "Renewed", "Churned"]);
    assert_eq!(got.body["stages"][1]["lead_count"], 1);
    app.patch(&format!("/api/v1/pipelines/{pid}"))
        .auth(&o.admin)
        .json(&reordered)
        .send()
        .await
        .problem(412, "version_mismatch");
    let without_due = json!({ "stages": [
        { "id": stages[1]["id"], "name": "Quote sent", "probability": 65, "kind": "open" },
        { "id": stages[2]["id"], "name": "Renewed", "probability": 100, "kind": "won" },
        { "id": stages[3]["id"], "name": "Churned", "probability": 0, "kind": "lost" } ] });
    let refused = app
        .patch(&format!("/api/v1/pipelines/{pid}"))
        .auth(&o.admin)
        .json(&without_due)
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(refused.fields(), ["stages"]);
    // An id that is not one of this pipeline's stages names no record; a stage holding leads
    // keeps its kind; a new pipeline's stages carry no ids.
    let mut edit = reordered.clone();
    edit["version"] = json!(2);
    edit["stages"][0]["id"] = json!(ASSISTED);
    let unknown = app
        .patch(&format!("/api/v1/pipelines/{pid}"))
        .auth(&o.admin)
        .json(&edit)
        .send()
        .await
        .problem(409, "invalid_reference");
    assert_eq!(unknown.fields(), ["stages[0].id"]);
    let mut edit = reordered.clone();
    edit["version"] = json!(2);
    edit["stages"][1]["kind"] = json!("won");
    edit["stages"][2]["kind"] = json!("open");
    let kind_change = app
        .patch(&format!("/api/v1/pipelines/{pid}"))
        .auth(&o.admin)
        .json(&edit)
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(kind_change.fields(), ["stages[1].kind"]);
    app.post("/api/v1/pipelines")
        .auth(&o.admin)
        .json(&json!({ "name": "With ids", "stages": [
            { "id": stages[0]["id"], "name": "New", "probability": 10, "kind": "open" },
            { "name": "Won", "probability": 100, "kind": "won" },
            { "name": "Lost", "probability": 0, "kind": "lost" } ] }))
        .send()
        .await
        .problem(422, "validation_failed");
    let still = app
        .get(&format!("/api/v1/pipelines/{pid}"))
        .auth(&o.admin)
        .send()
        .await
        .expect(200);
    assert_eq!(
        still.body["stages"].as_array().unwrap().len(),
        4,
        "nothing half-written"
    );
    app.get(&format!("/api/v1/pipelines/{pid}"))
        .auth(&o.partner)
        .send()
        .await
        .problem(403, "forbidden");
}

fn full_lead() -> Value {
    json!({
        "company": "Whole Foods Market", "contact_name": "Jennifer Smith", "contact_title": "Buyer",
        "email": "JSmith@wholefoods.example", "phone": "(555) 123-4567", "website": "https://wholefoods.example",
        "address": "123 Main St", "city": "Los Angeles", "state": "CA", "zip": "90001",
        "latitude": 34.052235, "longitude": -118.243683,
        "source_type": "inbound", "source_channel": "website", "introduced_by": "Trade fair",
        "deal_value": { "amount": "85000.00", "currency": "USD" }, "estimated_units": 500,
        "expected_close_date": "2026-12-28",
        "budget": "confirmed", "authority": "decision_maker", "need": "urgent", "timeline": "30_days",
        "competitors": ["Athletic Greens", "Orgain"], "next_action": "Demo at 2pm",
        "next_contact_at": "2030-01-01T14:00:00Z", "follow_up_cadence_days": 7,
        "permission_to_follow_up": true, "personal_details": "Two kids; loves hiking",
        "tags": ["wellness"]
    })
}

async fn lead_create_read_back_and_validation(app: TestApp) {
    let o = org(&app).await;
    let lead = new_lead(&app, &o.rep, full_lead()).await;
    assert_eq!(lead["owner_id"], o.rep.id.to_string());
    assert_eq!(lead["pipeline_id"], ASSISTED);
    assert_eq!(lead["stage_key"], "NEW");
    assert_eq!(lead["probability"], 5, "the stage's default probability");
    assert_eq!(
        lead["deal_value"],
        json!({ "amount": "85000.00", "currency": "USD" })
    );
    assert_eq!(lead["latitude"], 34.052235);
    assert_eq!(lead["display_sales_stage"], "PROSPECTING");
    assert_eq!(lead["incomplete"], false);
    // BANT 10+10+10+7, no contacts, stage 5 % → 1.
    assert_eq!(lead["score"], 38);
    assert_eq!(lead["score_factors"]["timeline"], 7);
    let got = app
        .get(&format!("/api/v1/leads/{}", id(&lead)))
        .auth(&o.rep)
        .send()
        .await
        .expect(200);
    assert_eq!(got.body, lead, "read back equals what was created");
    assert_eq!(got.header("etag"), Some("\"1\""));

    let cases: Vec<(Value, &str)> = vec![
        (json!({ "company": "  " }), "company"),
        (json!({ "company": "A", "email": "nope" }), "email"),
        (json!({ "company": "A", "phone": "call me" }), "phone"),
        (json!({ "company": "A", "latitude": 91.0 }), "latitude"),
        (
            json!({ "company": "A", "deal_value": { "amount": "-1", "currency": "USD" } }),
            "deal_value",
        ),
        (
            json!({ "company": "A", "deal_value": { "amount": "1.001", "currency": "USD" } }),
            "deal_value",
        ),
        (
            json!({ "company": "A", "source_channel": "carrier_pigeon" }),
            "source_channel",
        ),
        (
            json!({ "company": "A", "stage_id": CLOSED_WON }),
            "stage_id",
        ),
        (
            json!({ "company": "A", "pipeline_id": "00000000-0000-7000-8000-0000000000ff" }),
            "pipeline_id",
        ),
        (
            json!({ "company": "A", "owner_id": o.finance.id }),
            "owner_id",
        ),
        (
            json!({ "company": "A", "follow_up_cadence_days": 0 }),
            "follow_up_cadence_days",
        ),
        (json!({ "company": "A", "score": 99 }), "score"),
    ];
    for (body, field) in cases {
        // Naming a record that does not exist or cannot be used is a 409; the rest are 422.
        let (status, code) = if ["stage_id", "pipeline_id", "owner_id"].contains(&field) {
            (409, "invalid_reference")
        } else {
            (422, "validation_failed")
        };
        let res = app
            .post("/api/v1/leads")
            .auth(&o.rep)
            .json(&body)
            .send()
            .await
            .problem(status, code);
        assert!(
            res.fields().iter().any(|f| f == field),
            "{body}: {:?}",
            res.fields()
        );
    }
    // A rep cannot create leads for someone else; a manager can, for its team.
    app.post("/api/v1/leads")
        .auth(&o.rep)
        .json(&json!({ "company": "X", "owner_id": o.teammate.id }))
        .send()
        .await
        .problem(403, "forbidden");
    let for_mate = new_lead(
        &app,
        &o.manager,
        json!({ "company": "For mate", "owner_id": o.teammate.id }),
    )
    .await;
    assert_eq!(for_mate["owner_id"], o.teammate.id.to_string());
    app.post("/api/v1/leads")
        .auth(&o.manager)
        .json(&json!({ "company": "X", "owner_id": o.other_rep.id }))
        .send()
        .await
        .problem(403, "forbidden");
    app.post("/api/v1/leads")
        .auth(&o.finance)
        .json(&json!({ "company": "X" }))
        .send()
        .await
        .problem(403, "forbidden");
}

async fn duplicates_and_cold_sources(app: TestApp) {
    let o = org(&app).await;
    let first = new_lead(&app, &o.rep, json!({ "company": "ACME, Inc.", "email": "buyer@acme.example", "phone": "+1 415 555 0100", "address": "12 Main St." })).await;
    let cases = [
        (
            json!({ "company": "Other", "email": "BUYER@acme.example" }),
            "email",
        ),
        (
            json!({ "company": "Other", "phone": "1 (415) 555-0100" }),
            "phone",
        ),
        (
            json!({ "company": "Acme Inc", "address": "12 main st" }),
            "company",
        ),
    ];
    for (body, field) in cases {
        // Even another team's rep is told: the duplicate check is organisation-wide.
        let res = app
            .post("/api/v1/leads")
            .auth(&o.other_rep)
            .json(&body)
            .send()
            .await
            .problem(409, "conflict");
        assert_eq!(res.fields(), [field]);
        assert!(
            res.body["detail"].as_str().unwrap().contains(&id(&first)),
            "{}",
            res.text
        );
    }
    new_lead_with(
        &app,
        &o.other_rep,
        "/api/v1/leads?allow_duplicate=true",
        json!({ "company": "Other", "email": "buyer@acme.example" }),
    )
    .await;
    // A closed lead is no duplicate.
    app.post(&format!("/api/v1/leads/{}/outcome", id(&first)))
        .auth(&o.rep)
        .json(&json!({ "outcome": "lost", "lost_reason": "Budget" }))
        .send()
        .await
        .expect(200);
    new_lead(
        &app,
        &o.rep,
        json!({ "company": "Acme", "address": "12 Main St" }),
    )
    .await;

    // Cold outreach: allowed by default, refused once the admin switches it off.
    new_lead(
        &app,
        &o.rep,
        json!({ "company": "Cold 1", "source_channel": "cold_call" }),
    )
    .await;
    app.patch("/api/v1/settings")
        .auth(&o.rep)
        .json(&json!({ "cold_outreach_allowed": false }))
        .send()
        .await
        .problem(403, "forbidden");
    let s = app
        .patch("/api/v1/settings")
        .auth(&o.admin)
        .json(&json!({ "cold_outreach_allowed": false }))
        .send()
        .await
        .expect(200);
    assert_eq!(s.body["cold_outreach_allowed"], false);
    let refused = app
        .post("/api/v1/leads")
        .auth(&o.rep)
        .json(
            &json!({ "company": "Cold 2", "source_type": "cold", "source_channel": "door_knock" }),
        )
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(refused.fields(), ["source_type", "source_channel"]);
    new_lead(
        &app,
        &o.rep,
        json!({ "company": "Warm", "source_type": "warm", "source_channel": "referral" }),
    )
    .await;
    let bad = app
        .patch("/api/v1/settings")
        .auth(&o.admin)
        .json(&json!({ "currency": "ABC", "time_zone": "Mars/Base" }))
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(bad.fields(), ["currency", "time_zone"]);
    let got = app
        .get("/api/v1/settings")
        .auth(&o.partner)
        .send()
        .await
        .expect(200);
    assert_eq!(got.body["currency"], "USD");
}

async fn new_lead_with(app: &TestApp, who: &TestUser, path: &str, body: Value) -> Value {
    app.post(path)
        .auth(who)
        .json(&body)
        .send()
        .await
        .expect(201)
        .body
}

async fn scope_and_allowlisted_edit(app: TestApp) {
    let o = org(&app).await;
    let lead = new_lead(
        &app,
        &o.rep,
        json!({ "company": "Scoped", "contact_name": "Sam" }),
    )
    .await;
    let path = format!("/api/v1/leads/{}", id(&lead));
    for (who, want) in [
        (&o.rep, 200),
        (&o.manager, 200),
        (&o.admin, 200),
        (&o.teammate, 404),
        (&o.other_manager, 404),
        (&o.other_rep, 404),
        (&o.finance, 403),
        (&o.partner, 403),
    ] {
        let res = app.get(&path).auth(who).send().await;
        assert_eq!(res.status.as_u16(), want, "{:?}", who.role);
    }
    let listed = |u: &TestUser| {
        let app = &app;
        let u = u.clone();
        async move {
            app.get("/api/v1/leads")
                .auth(&u)
                .send()
                .await
                .expect(200)
                .body["items"]
                .as_array()
                .unwrap()
                .len()
        }
    };
    assert_eq!(listed(&o.rep).await, 1);
    assert_eq!(listed(&o.manager).await, 1);
    assert_eq!(listed(&o.teammate).await, 0);
    assert_eq!(listed(&o.other_manager).await, 0);

    // The allowlist: stage, outcome, owner and money go through their own routes.
    for field in [
        "stage_id",
        "outcome",
        "owner_id",
        "deal_value",
        "probability",
    ] {
        let res = app
            .patch(&path)
            .auth(&o.rep)
            .json(&json!({ field: Value::Null }))
            .send()
            .await;
        assert_eq!(res.status.as_u16(), 422, "{field}: {}", res.text);
        assert_eq!(res.fields(), [field]);
    }
    // Sales lens: FOLLOW_UP without a next date is incomplete; a date completes it.
    let edited = app.patch(&path).auth(&o.rep).json(&json!({ "version": 1, "sales_stage": "FOLLOW_UP", "contact_name": null, "competitors": ["X", " "] })).send().await.expect(200);
    assert_eq!(edited.body["display_sales_stage"], "FOLLOW_UP");
    assert_eq!(edited.body["incomplete"], true);
    assert_eq!(edited.body["contact_name"], Value::Null);
    assert_eq!(edited.body["competitors"], json!(["X"]));
    assert_eq!(edited.body["version"], 2);
    app.patch(&path)
        .auth(&o.manager)
        .json(&json!({ "version": 1, "next_action": "x" }))
        .send()
        .await
        .problem(412, "version_mismatch");
    let done = app
        .patch(&path)
        .auth(&o.manager)
        .header("If-Match", "\"2\"")
        .json(&json!({ "next_contact_at": "2031-05-01T09:00:00Z" }))
        .send()
        .await
        .expect(200);
    assert_eq!(done.body["incomplete"], false);
    app.patch(&path)
        .auth(&o.teammate)
        .json(&json!({ "next_action": "x" }))
        .send()
        .await
        .problem(404, "not_found");
    let incomplete = app
        .get("/api/v1/leads?incomplete=true")
        .auth(&o.rep)
        .send()
        .await
        .expect(200);
    assert_eq!(incomplete.body["items"].as_array().unwrap().len(), 0);
}

async fn stages_outcome_history_and_client(app: TestApp) {
    let o = org(&app).await;
    let lead = new_lead(
        &app,
        &o.rep,
        json!({ "company": "Closer", "deal_value": { "amount": "1200.00", "currency": "USD" } }),
    )
    .await;
    let lid = id(&lead);
    let stage = format!("/api/v1/leads/{lid}/stage");
    let moved = app
        .patch(&stage)
        .auth(&o.rep)
        .json(&json!({ "stage_id": CONTACTED, "note": "called" }))
        .send()
        .await
        .expect(200);
    assert_eq!(moved.body["stage_key"], "CONTACTED");
    assert_eq!(moved.body["probability"], 10);
    assert_eq!(moved.body["display_sales_stage"], "APPROACH_CONTACT");
    assert_eq!(
        moved.body["incomplete"], true,
        "approach without a next date"
    );
    let moved = app
        .patch(&stage)
        .auth(&o.manager)
        .json(&json!({ "stage_id": NEGOTIATION, "version": 2 }))
        .send()
        .await
        .expect(200);
    assert_eq!(moved.body["display_sales_stage"], "FOLLOW_UP");
    app.patch(&stage)
        .auth(&o.rep)
        .json(&json!({ "stage_id": CLOSED_WON }))
        .send()
        .await
        .problem(409, "invalid_reference");
    // Another pipeline's stage names a record that cannot be used here.
    app.patch(&stage)
        .auth(&o.rep)
        .json(&json!({ "stage_id": "00000000-0000-7000-8001-000000000201" }))
        .send()
        .await
        .problem(409, "invalid_reference");
    app.patch(&stage)
        .auth(&o.rep)
        .json(&json!({ "stage_id": NEW_STAGE, "version": 1 }))
        .send()
        .await
        .problem(412, "version_mismatch");

    let outcome = format!("/api/v1/leads/{lid}/outcome");
    let res = app
        .post(&outcome)
        .auth(&o.rep)
        .json(&json!({ "outcome": "lost" }))
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(res.fields(), ["lost_reason"]);
    let won = app
        .post(&outcome)
        .auth(&o.rep)
        .json(&json!({ "outcome": "won" }))
        .send()
        .await
        .expect(200);
    assert_eq!(won.body["outcome"], "won");
    assert_eq!(won.body["stage_key"], "CLOSED_WON");
    assert_eq!(won.body["probability"], 100);
    assert_eq!(won.body["display_sales_stage"], "REFERRAL");
    let client_id = won.body["client_id"].as_str().unwrap().to_owned();
    app.post(&outcome)
        .auth(&o.rep)
        .json(&json!({ "outcome": "lost", "lost_reason": "x" }))
        .send()
        .await
        .problem(409, "conflict");
    app.patch(&stage)
        .auth(&o.rep)
        .json(&json!({ "stage_id": NEW_STAGE }))
        .send()
        .await
        .problem(409, "conflict");
    app.patch(&format!("/api/v1/leads/{lid}/deal"))
        .auth(&o.rep)
        .json(&json!({ "deal_value": { "amount": "1.00", "currency": "USD" } }))
        .send()
        .await
        .problem(409, "conflict");

    let client = app
        .get(&format!("/api/v1/clients/{client_id}"))
        .auth(&o.manager)
        .send()
        .await
        .expect(200);
    assert_eq!(client.body["lead_id"], lid);
    assert_eq!(client.body["owner_id"], o.rep.id.to_string());
    assert_eq!(
        client.body["deal_value"],
        json!({ "amount": "1200.00", "currency": "USD" })
    );
    app.get(&format!("/api/v1/clients/{client_id}"))
        .auth(&o.other_rep)
        .send()
        .await
        .problem(404, "not_found");
    let mine = app
        .get("/api/v1/clients?owner=me")
        .auth(&o.rep)
        .send()
        .await
        .expect(200);
    assert_eq!(mine.body["items"].as_array().unwrap().len(), 1);
    app.get("/api/v1/clients")
        .auth(&o.partner)
        .send()
        .await
        .problem(403, "forbidden");

    let history = app
        .get(&format!("/api/v1/leads/{lid}/history"))
        .auth(&o.rep)
        .send()
        .await
        .expect(200);
    let kinds: Vec<(&str, &str)> = history.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["kind"].as_str().unwrap(),
                h["to_stage_name"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("created", "New"),
            ("stage", "Contacted"),
            ("stage", "Negotiation"),
            ("outcome", "Closed won")
        ]
    );
    assert_eq!(history.body["items"][1]["note"], "called");
    assert_eq!(
        history.body["items"][2]["actor_id"],
        o.manager.id.to_string()
    );
    app.get(&format!("/api/v1/leads/{lid}/history"))
        .auth(&o.other_rep)
        .send()
        .await
        .problem(404, "not_found");

    let (events, payloads): (Vec<String>, Vec<String>) = app
        .db()
        .read(move |c| {
            use closebook_api::db::schema::outbox_events::dsl::*;
            use diesel::prelude::*;
            Ok(outbox_events
                .filter(aggregate_id.eq(lid.clone()))
                .order(occurred_at.asc())
                .select((event_type, payload))
                .load::<(String, String)>(c)?)
        })
        .await
        .unwrap()
        .into_iter()
        .unzip();
    // The closing event's payload is the contract commissions consume.
    let closed: closebook_shared::events::PipelineClosed =
        serde_json::from_str(&payloads[3]).unwrap();
    assert_eq!(closed.lead_id.to_string(), id(&lead));
    assert_eq!(closed.outcome, closebook_shared::leads::Outcome::Won);
    assert_eq!(
        closed.owner_id.to_string(),
        won.body["owner_id"].as_str().unwrap()
    );
    assert_eq!(
        closed.client_id.map(|c| c.to_string()).as_deref(),
        won.body["client_id"].as_str()
    );
    assert_eq!(
        serde_json::to_value(&closed.deal_value).unwrap(),
        won.body["deal_value"]
    );
    assert!(closed.closed_at.is_some());
    assert_eq!(
        events,
        [
            "sales.lead.created",
            "sales.pipeline.stage_changed",
            "sales.pipeline.stage_changed",
            "sales.pipeline.closed"
        ]
    );
}

async fn reassign_and_deal(app: TestApp) {
    let o = org(&app).await;
    let lead = new_lead(&app, &o.rep, json!({ "company": "Moving" })).await;
    let lid = id(&lead);
    let path = format!("/api/v1/leads/{lid}/reassign");
    app.post(&path)
        .auth(&o.rep)
        .json(&json!({ "owner_id": o.teammate.id, "reason": "holiday" }))
        .send()
        .await
        .problem(403, "forbidden");
    let res = app
        .post(&path)
        .auth(&o.manager)
        .json(&json!({ "owner_id": o.teammate.id, "reason": " " }))
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(res.fields(), ["reason"]);
    app.post(&path)
        .auth(&o.manager)
        .json(&json!({ "owner_id": o.other_rep.id, "reason": "x" }))
        .send()
        .await
        .problem(403, "forbidden");
    let moved = app
        .post(&path)
        .auth(&o.manager)
        .json(&json!({ "owner_id": o.teammate.id, "reason": "Rep on holiday" }))
        .send()
        .await
        .expect(200);
    assert_eq!(moved.body["owner_id"], o.teammate.id.to_string());
    app.get(&format!("/api/v1/leads/{lid}"))
        .auth(&o.rep)
        .send()
        .await
        .problem(404, "not_found");
    let h = app
        .get(&format!("/api/v1/leads/{lid}/history"))
        .auth(&o.teammate)
        .send()
        .await
        .expect(200);
    assert_eq!(h.body["items"][1]["kind"], "owner");
    assert_eq!(h.body["items"][1]["note"], "Rep on holiday");
    assert_eq!(h.body["items"][1]["from_owner_id"], o.rep.id.to_string());

    let deal = format!("/api/v1/leads/{lid}/deal");
    let d = app.patch(&deal).auth(&o.teammate).json(&json!({ "deal_value": { "amount": "999.99", "currency": "EUR" }, "probability": 55, "expected_close_date": "2027-01-15" })).send().await.expect(200);
    assert_eq!(
        d.body["deal_value"],
        json!({ "amount": "999.99", "currency": "EUR" })
    );
    assert_eq!(d.body["probability"], 55);
    assert_eq!(d.body["score_factors"]["stage"], 11);
    let bad = app
        .patch(&deal)
        .auth(&o.teammate)
        .json(&json!({ "probability": 101, "deal_value": { "amount": "1", "currency": "EURO" } }))
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(bad.fields().len(), 2);
    let cleared = app
        .patch(&deal)
        .auth(&o.teammate)
        .json(&json!({ "deal_value": null }))
        .send()
        .await
        .expect(200);
    assert_eq!(cleared.body["deal_value"], Value::Null);
}

async fn activities_drive_follow_up_fields(app: TestApp) {
    let o = org(&app).await;
    let lead = new_lead(&app, &o.rep, json!({ "company": "Active", "contact_name": "Jo", "next_contact_at": (Utc::now() - Duration::hours(1)).to_rfc3339() })).await;
    let lid = id(&lead);
    let acts = format!("/api/v1/leads/{lid}/activities");
    let due = app
        .get("/api/v1/leads?follow_up_due=true")
        .auth(&o.rep)
        .send()
        .await
        .expect(200);
    assert_eq!(due.body["items"].as_array().unwrap().len(), 1);

    // A completed call with a follow-up date.
    let follow = (Utc::now() + Duration::days(3)).to_rfc3339();
    let call = app.post(&acts).auth(&o.rep).json(&json!({ "kind": "call", "outcome": "positive", "duration_minutes": 12, "notes": "Keen", "follow_up_at": follow, "follow_up_note": "Send proposal" })).send().await.expect(201);
    assert_eq!(call.body["company"], "Active");
    let l = app
        .get(&format!("/api/v1/leads/{lid}"))
        .auth(&o.rep)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(l["follow_up_count"], 1);
    assert!(l["last_contact_at"].is_string());
    assert_eq!(l["next_action"], "Send proposal");
    assert_eq!(l["score_factors"]["engagement"], 5);
    assert_eq!(l["score_factors"]["recency"], 20);
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(l["next_contact_at"].as_str().unwrap())
            .unwrap()
            .timestamp(),
        chrono::DateTime::parse_from_rfc3339(&follow)
            .unwrap()
            .timestamp()
    );

    // A note is not a contact.
    app.post(&acts)
        .auth(&o.rep)
        .json(&json!({ "kind": "note", "notes": "internal" }))
        .send()
        .await
        .expect(201);
    // A scheduled demo tomorrow lands on tomorrow's schedule.
    let tomorrow = (Utc::now() + Duration::days(1))
        .date_naive()
        .and_hms_opt(14, 0, 0)
        .unwrap()
        .and_utc();
    app.post("/api/v1/activities").auth(&o.rep).json(&json!({ "lead_id": lid, "kind": "demo", "scheduled_at": tomorrow.to_rfc3339(), "location": "Their office" })).send().await.expect(201);
    let l = app
        .get(&format!("/api/v1/leads/{lid}"))
        .auth(&o.rep)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(
        l["follow_up_count"], 1,
        "a scheduled activity is not a contact yet"
    );

    let from = tomorrow
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    let day = app
        .get(&format!(
            "/api/v1/activities?from={}",
            from.to_rfc3339().replace('+', "%2B")
        ))
        .auth(&o.rep)
        .send()
        .await
        .expect(200);
    let kinds: Vec<&str> = day.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["demo"]);
    let timeline = app
        .get(&format!("{acts}?kind=call,note"))
        .auth(&o.rep)
        .send()
        .await
        .expect(200);
    let kinds: Vec<&str> = timeline.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["note", "call"]);
    app.get(&format!("{acts}?kind=smoke_signal"))
        .auth(&o.rep)
        .send()
        .await
        .problem(400, "bad_request");

    // Bad input and scope.
    let future = (Utc::now() + Duration::hours(2)).to_rfc3339();
    let past = (Utc::now() - Duration::hours(2)).to_rfc3339();
    for (body, field) in [
        (
            json!({ "kind": "call", "completed_at": future }),
            "completed_at",
        ),
        (
            json!({ "kind": "call", "follow_up_at": past }),
            "follow_up_at",
        ),
        (
            json!({ "kind": "call", "duration_minutes": -1 }),
            "duration_minutes",
        ),
        (json!({ "kind": "fax" }), "kind"),
    ] {
        let res = app
            .post(&acts)
            .auth(&o.rep)
            .json(&body)
            .send()
            .await
            .problem(422, "validation_failed");
        assert_eq!(res.fields(), [field], "{body}");
    }
    let quick = app
        .post("/api/v1/activities")
        .auth(&o.rep)
        .json(&json!({ "kind": "call" }))
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(quick.fields(), ["lead_id"]);
    let hidden = app
        .post("/api/v1/activities")
        .auth(&o.other_rep)
        .json(&json!({ "kind": "call", "lead_id": lid }))
        .send()
        .await
        .problem(409, "invalid_reference");
    assert_eq!(hidden.fields(), ["lead_id"]);
    app.post(&acts)
        .auth(&o.other_rep)
        .json(&json!({ "kind": "call" }))
        .send()
        .await
        .problem(404, "not_found");
    app.get(&format!("/api/v1/activities?user_id={}", o.rep.id))
        .auth(&o.manager)
        .send()
        .await
        .expect(200);
    app.get(&format!("/api/v1/activities?user_id={}", o.rep.id))
        .auth(&o.other_manager)
        .send()
        .await
        .problem(403, "forbidden");
    app.get("/api/v1/activities")
        .auth(&o.finance)
        .send()
        .await
        .problem(403, "forbidden");

    // A completed contact without a new date satisfies the due follow-up: the lead needs a date.
    app.patch(&format!("/api/v1/leads/{lid}/stage"))
        .auth(&o.rep)
        .json(&json!({ "stage_id": CONTACTED }))
        .send()
        .await
        .expect(200);
    app.patch(&format!("/api/v1/leads/{lid}"))
        .auth(&o.rep)
        .json(&json!({ "next_contact_at": (Utc::now() + Duration::minutes(1)).to_rfc3339() }))
        .send()
        .await
        .expect(200);
    app.post(&acts)
        .auth(&o.rep)
        .json(&json!({ "kind": "email", "outcome": "neutral" }))
        .send()
        .await
        .expect(201);
    let l = app
        .get(&format!("/api/v1/leads/{lid}"))
        .auth(&o.rep)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(l["next_contact_at"], Value::Null);
    assert_eq!(l["incomplete"], true);
    assert_eq!(l["follow_up_count"], 2);
}

async fn notes_touches_and_referrals(app: TestApp) {
    let o = org(&app).await;
    let lead = new_lead(&app, &o.rep, json!({ "company": "Private" })).await;
    let lid = id(&lead);
    let notes = format!("/api/v1/leads/{lid}/notes");
    app.post(&notes)
        .auth(&o.rep)
        .json(&json!({ "body": "Rep's own thoughts" }))
        .send()
        .await
        .expect(201);
    app.post(&notes)
        .auth(&o.manager)
        .json(&json!({ "body": "Manager's view" }))
        .send()
        .await
        .expect(201);
    app.post(&notes)
        .auth(&o.rep)
        .json(&json!({ "body": "   " }))
        .send()
        .await
        .problem(422, "validation_failed");
    let bodies = |res: common::Res| -> Vec<String> {
        res.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["body"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        bodies(app.get(&notes).auth(&o.rep).send().await.expect(200)),
        ["Rep's own thoughts"]
    );
    assert_eq!(
        bodies(app.get(&notes).auth(&o.manager).send().await.expect(200)),
        ["Manager's view"]
    );
    assert_eq!(
        bodies(app.get(&notes).auth(&o.admin).send().await.expect(200)),
        ["Manager's view", "Rep's own thoughts"]
    );
    app.get(&notes)
        .auth(&o.teammate)
        .send()
        .await
        .problem(404, "not_found");

    let touches = format!("/api/v1/leads/{lid}/touches");
    app.post(&touches)
        .auth(&o.rep)
        .json(&json!({ "kind": "congratulation", "notes": "New store" }))
        .send()
        .await
        .expect(201);
    app.post(&touches)
        .auth(&o.rep)
        .json(&json!({ "kind": "gift" }))
        .send()
        .await
        .problem(422, "validation_failed");
    let t = app.get(&touches).auth(&o.manager).send().await.expect(200);
    assert_eq!(t.body["items"][0]["kind"], "congratulation");
    app.post(&touches)
        .auth(&o.partner)
        .json(&json!({ "kind": "invite" }))
        .send()
        .await
        .problem(403, "forbidden");

    app.post(&format!("/api/v1/leads/{lid}/outcome"))
        .auth(&o.rep)
        .json(&json!({ "outcome": "won" }))
        .send()
        .await
        .expect(200);
    let ask = format!("/api/v1/leads/{lid}/referral-ask");
    let asked = app
        .post(&ask)
        .auth(&o.rep)
        .json(&json!({ "status": "asked" }))
        .send()
        .await
        .expect(200);
    assert_eq!(asked.body["referral_ask_status"], "asked");
    assert!(asked.body["referral_ask_at"].is_string());
    // "Received" with no referral recorded yet, and none given: a conflict with the lead's state.
    let none = app
        .post(&ask)
        .auth(&o.rep)
        .json(&json!({ "status": "received" }))
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(none.fields(), ["count"]);
    let got = app
        .post(&ask)
        .auth(&o.rep)
        .json(&json!({ "status": "received", "names": ["Ann", "Bo"] }))
        .send()
        .await
        .expect(200);
    assert_eq!(got.body["referral_count"], 2);
    assert_eq!(got.body["display_sales_stage"], "RELATIONSHIP_MAINTENANCE");
    assert_eq!(
        got.body["referral_ask_at"], asked.body["referral_ask_at"],
        "the first ask's time is kept"
    );
    app.post(&ask)
        .auth(&o.other_rep)
        .json(&json!({ "status": "asked" }))
        .send()
        .await
        .problem(404, "not_found");
}

async fn scripts_render_for_a_lead(app: TestApp) {
    let o = org(&app).await;
    let body = json!({ "slug": "first_follow_up_email", "sales_stage": "FOLLOW_UP", "kind": "email", "title": "First follow-up",
        "subject": "Following up, {{contact_first_name}}", "body": "Hi {{contact_name}},\nGreat talking about {{company}}.\n{{rep_signature}}" });
    app.post("/api/v1/scripts")
        .auth(&o.rep)
        .json(&body)
        .send()
        .await
        .problem(403, "forbidden");
    let mut bad = body.clone();
    bad["body"] = json!("Hi {{first_name}}");
    let res = app
        .post("/api/v1/scripts")
        .auth(&o.manager)
        .json(&bad)
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(res.fields(), ["body"]);
    assert!(res.text.contains("first_name"));
    let script = app
        .post("/api/v1/scripts")
        .auth(&o.manager)
        .json(&body)
        .send()
        .await
        .expect(201)
        .body;
    app.post("/api/v1/scripts")
        .auth(&o.admin)
        .json(&body)
        .send()
        .await
        .problem(409, "conflict");
    let sid = id(&script);
    let lead = new_lead(
        &app,
        &o.rep,
        json!({ "company": "Whole Foods", "contact_name": "Jennifer Smith" }),
    )
    .await;
    let r = app
        .post(&format!(
            "/api/v1/scripts/{sid}/render?lead_id={}",
            id(&lead)
        ))
        .auth(&o.rep)
        .send()
        .await
        .expect(200);
    assert_eq!(r.body["subject"], "Following up, Jennifer");
    let text = r.body["body"].as_str().unwrap();
    assert!(
        text.starts_with("Hi Jennifer Smith,\nGreat talking about Whole Foods.\nSales rep "),
        "{text}"
    );
    assert!(text.ends_with(&o.rep.email), "{text}");
    assert_eq!(r.body["missing"], json!([]));
    app.post(&format!(
        "/api/v1/scripts/{sid}/render?lead_id={}",
        id(&lead)
    ))
    .auth(&o.other_rep)
    .send()
    .await
    .problem(404, "not_found");
    app.post(&format!("/api/v1/scripts/{sid}/render"))
        .auth(&o.rep)
        .send()
        .await
        .problem(400, "bad_request");

    let listed = app
        .get("/api/v1/scripts?sales_stage=FOLLOW_UP")
        .auth(&o.rep)
        .send()
        .await
        .expect(200);
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 1);
    let retired = app
        .patch(&format!("/api/v1/scripts/{sid}"))
        .auth(&o.manager)
        .json(&json!({ "version": 1, "active": false }))
        .send()
        .await
        .expect(200);
    assert_eq!(retired.body["active"], false);
    let listed = app
        .get("/api/v1/scripts")
        .auth(&o.rep)
        .send()
        .await
        .expect(200);
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 0);
    app.patch(&format!("/api/v1/scripts/{sid}"))
        .auth(&o.manager)
        .json(&json!({ "version": 1, "title": "x" }))
        .send()
        .await
        .problem(412, "version_mismatch");
    app.get("/api/v1/scripts")
        .auth(&o.finance)
        .send()
        .await
        .problem(403, "forbidden");
}

async fn list_filters_sorts_and_pages(app: TestApp) {
    let o = org(&app).await;
    let soon = (Utc::now() + Duration::days(5)).date_naive().to_string();
    let later = (Utc::now() + Duration::days(60)).date_naive().to_string();
    let hot = json!({ "budget": "confirmed", "authority": "decision_maker", "need": "urgent", "timeline": "immediate" });
    let mut specs = Vec::new();
    for i in 0..7 {
        let mut b = json!({ "company": format!("Co {i}"), "email": format!("c{i}@x.example"),
            "deal_value": if i % 3 == 0 { Value::Null } else { json!({ "amount": format!("{}.00", i * 100), "currency": "USD" }) },
            "expected_close_date": if i < 2 { soon.clone() } else { later.clone() } });
        if i == 6 {
            for (k, v) in hot.as_object().unwrap() {
                b[k] = v.clone();
            }
        }
        specs.push(new_lead(&app, &o.rep, b).await);
    }
    new_lead(&app, &o.teammate, json!({ "company": "Mate's" })).await;
    // Make lead 6 hot: BANT 40 + two calls (10) + recency 20 + stage (agreement 90 % → 18) = 88.
    let l6 = id(&specs[6]);
    app.patch(&format!("/api/v1/leads/{l6}/stage"))
        .auth(&o.rep)
        .json(&json!({ "stage_id": "00000000-0000-7000-8001-000000000108" }))
        .send()
        .await
        .expect(200);
    for _ in 0..2 {
        app.post(&format!("/api/v1/leads/{l6}/activities"))
            .auth(&o.rep)
            .json(&json!({ "kind": "call" }))
            .send()
            .await
            .expect(201);
    }
    let names = |res: &common::Res| -> Vec<String> {
        res.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["company"].as_str().unwrap().to_owned())
            .collect()
    };
    let hot_list = app
        .get("/api/v1/leads?hot=true")
        .auth(&o.rep)
        .send()
        .await
        .expect(200);
    assert_eq!(names(&hot_list), ["Co 6"]);
    assert_eq!(hot_list.body["items"][0]["score"], 88);
    let closing = app
        .get("/api/v1/leads?closing_soon=true")
        .auth(&o.rep)
        .send()
        .await
        .expect(200);
    let mut got = names(&closing);
    got.sort();
    assert_eq!(got, ["Co 0", "Co 1"]);
    assert_eq!(
        names(
            &app.get("/api/v1/leads?q=C3%40X")
                .auth(&o.rep)
                .send()
                .await
                .expect(200)
        ),
        ["Co 3"]
    );
    assert_eq!(
        names(
            &app.get("/api/v1/leads?q=mate")
                .auth(&o.manager)
                .send()
                .await
                .expect(200)
        ),
        ["Mate's"]
    );
    assert_eq!(
        app.get(&format!("/api/v1/leads?team={}", o.rep.id))
            .auth(&o.manager)
            .send()
            .await
            .expect(200)
            .body["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        app.get(&format!("/api/v1/leads?owner={}", o.teammate.id))
            .auth(&o.manager)
            .send()
            .await
            .expect(200)
            .body["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        app.get(&format!("/api/v1/leads?stage={NEW_STAGE}&owner=me"))
            .auth(&o.rep)
            .send()
            .await
            .expect(200)
            .body["items"]
            .as_array()
            .unwrap()
            .len(),
        6
    );

    // Value sort across pages of 2: high first, leads without a value last, nothing repeated.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/leads?owner=me&sort=value&limit=2&cursor={c}"),
            None => "/api/v1/leads?owner=me&sort=value&limit=2".to_owned(),
        };
        let page = app.get(&path).auth(&o.rep).send().await.expect(200);
        seen.extend(names(&page));
        match page.body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(&seen[..4], ["Co 5", "Co 4", "Co 2", "Co 1"]);
    let mut tail = seen[4..].to_vec();
    tail.sort();
    assert_eq!(tail, ["Co 0", "Co 3", "Co 6"]);
    let by_score = app
        .get("/api/v1/leads?sort=score&limit=1")
        .auth(&o.rep)
        .send()
        .await
        .expect(200);
    assert_eq!(names(&by_score), ["Co 6"]);
    for bad in [
        "sort=best",
        "score_min=x",
        "limit=0",
        "outcome=maybe",
        "owner=someone",
        "cursor=zzz",
    ] {
        app.get(&format!("/api/v1/leads?{bad}"))
            .auth(&o.rep)
            .send()
            .await
            .problem(400, "bad_request");
    }
}

on_both_backends!(
    built_in_pipelines_and_admin_edits,
    lead_create_read_back_and_validation,
    duplicates_and_cold_sources,
    scope_and_allowlisted_edit,
    stages_outcome_history_and_client,
    reassign_and_deal,
    activities_drive_follow_up_fields,
    notes_touches_and_referrals,
    scripts_render_for_a_lead,
    list_filters_sorts_and_pages,
);
