use chrono::{Duration, Utc};
use closebook_shared::Role;
use serde_json::{Value, json};

use super::support::{consume, line_of, promote_at, won_deal};
use crate::common::{TestApp, TestUser};

fn money(amount: &str) -> Value {
    json!({ "amount": amount, "currency": "USD" })
}

/// Refunds `target` (`invoices/{id}` or `clients/{id}`).
async fn refund(app: &TestApp, who: &TestUser, target: &str, body: Value) -> crate::common::Res {
    app.post(&format!("/api/v1/{target}/refunds"))
        .auth(who)
        .json(&body)
        .send()
        .await
}

/// A paid invoice of `client`, paid `days_ago`.
async fn paid_invoice(app: &TestApp, finance: &TestUser, client: &str, days_ago: i64) -> String {
    let paid_at = (Utc::now() - Duration::days(days_ago)).to_rfc3339();
    app.post("/api/v1/invoices")
        .auth(finance)
        .json(&json!({ "client_id": client, "amount": money("500.00"), "service_month": "2026-01", "paid_at": paid_at }))
        .send()
        .await
        .expect(201)
        .id()
}

async fn line(app: &TestApp, finance: &TestUser, id: &str) -> Value {
    app.get(&format!("/api/v1/commissions/{id}"))
        .auth(finance)
        .send()
        .await
        .expect(200)
        .body["line"]
        .clone()
}

/// Refunds claw back the original's share within 45 days (by local date) and nothing from day 46;
/// partial refunds that add up to the whole net the original to exactly zero; a clawback of a
/// pending line waits (and is earned) with it.
pub async fn refunds_claw_back_within_the_window(app: TestApp) {
    let rep = app.user(Role::SalesRep, None, None).await;
    let finance = app.user(Role::Finance, None, None).await;
    let deal = won_deal(&app, &rep, "Refunded Co", "1000.01").await;
    consume(&app).await;
    let client = deal["client_id"].as_str().unwrap();
    let original = line_of(&app, &finance, deal["id"].as_str().unwrap()).await;
    // 5% of 1,000.01 = 50.0005 → 50.00.
    assert_eq!(original["amount"], money("50.00"));

    // A third of the deal, then the rest: −16.67 (rounded cumulatively) and −33.33, net zero.
    let first = refund(
        &app,
        &finance,
        &format!("clients/{client}"),
        json!({ "amount": money("333.34") }),
    )
    .await
    .expect(201);
    let c1 = first.body["clawback_line_id"].as_str().unwrap().to_owned();
    let l1 = line(&app, &finance, &c1).await;
    assert_eq!(l1["amount"], money("-16.67"));
    assert_eq!(l1["line_type"], "clawback");
    assert_eq!(l1["related_line_id"], original["id"]);
    // The original is pending, so its clawback waits with it.
    assert_eq!(l1["status"], "pending");
    assert_eq!(l1["earns_at"], original["earns_at"]);
    // More than is left is refused, naming the field.
    let too_much = refund(
        &app,
        &finance,
        &format!("clients/{client}"),
        json!({ "amount": money("666.68") }),
    )
    .await
    .problem(409, "conflict");
    assert_eq!(too_much.fields(), ["amount"]);
    let rest = refund(
        &app,
        &finance,
        &format!("clients/{client}"),
        json!({ "amount": money("666.67") }),
    )
    .await
    .expect(201);
    let c2 = rest.body["clawback_line_id"].as_str().unwrap().to_owned();
    assert_eq!(line(&app, &finance, &c2).await["amount"], money("-33.33"));
    // The refund reads back with its clawback.
    let read = app
        .get(&format!("/api/v1/refunds/{}", rest.id()))
        .auth(&finance)
        .send()
        .await
        .expect(200);
    assert_eq!(read.body["clawback_line_id"], c2.as_str());
    // Earned with the original.
    promote_at(&app, 31).await;
    assert_eq!(line(&app, &finance, &c1).await["status"], "earned");
    assert_eq!(
        line(&app, &finance, original["id"].as_str().unwrap()).await["status"],
        "earned"
    );

    // Invoices: the residual (200.00, the month's first close) is clawed back on day 45 …
    let day45 = paid_invoice(&app, &finance, client, 45).await;
    let r45 = refund(
        &app,
        &finance,
        &format!("invoices/{day45}"),
        json!({ "amount": money("250.00") }),
    )
    .await
    .expect(201);
    let c45 = r45.body["clawback_line_id"].as_str().unwrap().to_owned();
    let l45 = line(&app, &finance, &c45).await;
    assert_eq!(l45["amount"], money("-100.00"));
    assert_eq!(l45["status"], "earned");
    // … and not on day 46.
    let day46 = paid_invoice(&app, &finance, client, 46).await;
    let r46 = refund(
        &app,
        &finance,
        &format!("invoices/{day46}"),
        json!({ "amount": money("500.00") }),
    )
    .await
    .expect(201);
    assert_eq!(r46.body["clawback_line_id"], Value::Null);

    // Bad input: a zero refund, an unpaid invoice, another currency (a conflict: the invoice
    // decides it), a future date, an unknown invoice.
    let zero = refund(
        &app,
        &finance,
        &format!("invoices/{day45}"),
        json!({ "amount": money("0.00") }),
    )
    .await
    .problem(422, "validation_failed");
    assert_eq!(zero.fields(), ["amount"]);
    let unpaid = app
        .post("/api/v1/invoices")
        .auth(&finance)
        .json(&json!({ "client_id": client, "amount": money("10.00"), "service_month": "2026-02" }))
        .send()
        .await
        .expect(201)
        .id();
    refund(
        &app,
        &finance,
        &format!("invoices/{unpaid}"),
        json!({ "amount": money("1.00") }),
    )
    .await
    .problem(409, "conflict");
    let eur = refund(
        &app,
        &finance,
        &format!("invoices/{day45}"),
        json!({ "amount": { "amount": "1.00", "currency": "EUR" } }),
    )
    .await
    .problem(409, "conflict");
    assert_eq!(eur.fields(), ["amount"]);
    let future = refund(
        &app,
        &finance,
        &format!("invoices/{day45}"),
        json!({ "amount": money("1.00"), "refunded_at": "2099-01-01T00:00:00Z" }),
    )
    .await
    .problem(422, "validation_failed");
    assert_eq!(future.fields(), ["refunded_at"]);
    refund(
        &app,
        &finance,
        "invoices/01a21d30-0000-7000-8000-000000000000",
        json!({ "amount": money("1.00") }),
    )
    .await
    .problem(404, "not_found");
    // Reps do not record refunds.
    refund(
        &app,
        &rep,
        &format!("clients/{client}"),
        json!({ "amount": money("1.00") }),
    )
    .await
    .problem(403, "forbidden");
}
