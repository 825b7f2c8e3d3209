//! Stage moves, outcome, history and client; reassignment and deal fields.

use super::*;

pub(super) async fn stages_outcome_history_and_client(app: TestApp) {
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

pub(super) async fn reassign_and_deal(app: TestApp) {
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
