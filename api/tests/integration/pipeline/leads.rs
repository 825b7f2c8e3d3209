//! Leads: create, read back, validation, duplicates, cold sources, scope, allowlisted edit.

use super::*;

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

pub(super) async fn lead_create_read_back_and_validation(app: TestApp) {
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

pub(super) async fn duplicates_and_cold_sources(app: TestApp) {
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

pub(super) async fn new_lead_with(app: &TestApp, who: &TestUser, path: &str, body: Value) -> Value {
    app.post(path)
        .auth(who)
        .json(&body)
        .send()
        .await
        .expect(201)
        .body
}

pub(super) async fn scope_and_allowlisted_edit(app: TestApp) {
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
