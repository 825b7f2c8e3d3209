//! What the commission tests share: a won deal, the consumer run, the eligibility job at a
//! later day, a line found by its source.

use closebook_api::domain::commissions::sources::consume_events;
use serde_json::{Value, json};

use crate::common::{TestApp, TestUser};

pub async fn won_deal(app: &TestApp, rep: &TestUser, company: &str, amount: &str) -> Value {
    let lead = app
        .post("/api/v1/leads")
        .auth(rep)
        .json(&json!({ "company": company, "deal_value": { "amount": amount, "currency": "USD" } }))
        .send()
        .await
        .expect(201)
        .id();
    app.post(&format!("/api/v1/leads/{lead}/outcome"))
        .auth(rep)
        .json(&json!({ "outcome": "won" }))
        .send()
        .await
        .expect(200)
        .body
}

pub async fn consume(app: &TestApp) -> usize {
    app.state.db.write(consume_events).await.unwrap()
}

pub async fn residual_of(app: &TestApp, client_id: &str) -> Option<i64> {
    use closebook_api::db::schema::clients;
    use diesel::prelude::*;
    let id = client_id.to_owned();
    app.state
        .db
        .read(move |c| {
            Ok(clients::table
                .find(id)
                .select(clients::residual_locked_minor)
                .first::<Option<i64>>(c)?)
        })
        .await
        .unwrap()
}

pub async fn promote_at(app: &TestApp, days_from_now: i64) {
    use closebook_api::domain::commissions::eligibility::promote;
    let at = closebook_api::time::now() + chrono::Duration::days(days_from_now);
    app.state.db.write(move |c| promote(c, at)).await.unwrap();
}

pub async fn line_of(app: &TestApp, finance: &TestUser, lead_id: &str) -> Value {
    let all = app
        .get("/api/v1/commissions?line_type=new_business")
        .auth(finance)
        .send()
        .await
        .expect(200);
    all.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["source_id"] == lead_id)
        .cloned()
        .expect("the deal's line")
}

/// A deal won at `at` (UTC): won over the API, then dated back — the lead, its client and the
/// pipeline's closed-deal event — before the ledger's consumer reads it.
pub async fn won_deal_at(
    app: &TestApp,
    rep: &TestUser,
    company: &str,
    amount: &str,
    at: chrono::NaiveDateTime,
) -> Value {
    use closebook_api::db::schema::{clients, leads, outbox_events};
    use diesel::prelude::*;
    let won = won_deal(app, rep, company, amount).await;
    let (lead, client) = (
        won["id"].as_str().unwrap().to_owned(),
        won["client_id"].as_str().unwrap().to_owned(),
    );
    app.state
        .db
        .write(move |c| {
            diesel::update(leads::table.find(&lead))
                .set(leads::closed_at.eq(Some(at)))
                .execute(c)?;
            diesel::update(clients::table.find(&client))
                .set(clients::signed_at.eq(at))
                .execute(c)?;
            let (id, payload): (String, String) = outbox_events::table
                .filter(outbox_events::event_type.eq("sales.pipeline.closed"))
                .filter(outbox_events::aggregate_id.eq(&lead))
                .select((outbox_events::id, outbox_events::payload))
                .first(c)?;
            let mut event: Value = serde_json::from_str(&payload).unwrap();
            event["closed_at"] = json!(at.and_utc().to_rfc3339());
            diesel::update(outbox_events::table.find(id))
                .set(outbox_events::payload.eq(event.to_string()))
                .execute(c)?;
            Ok(())
        })
        .await
        .unwrap();
    won
}
