use chrono::Utc;
use closebook_api::domain::commissions::billing::sign;
use closebook_shared::Role;
use serde_json::{Value, json};

use super::support::{consume, line_of, won_deal};
use crate::common::{Res, TestApp};

const SECRET: &str = "whsec_test_0123456789abcdef";

/// Delivers `body` signed with `secret` at `at` (Unix seconds).
async fn deliver(app: &TestApp, body: &Value, secret: &str, at: i64) -> Res {
    let raw = body.to_string();
    app.post("/api/v1/billing/events")
        .header("X-Closebook-Timestamp", &at.to_string())
        .header(
            "X-Closebook-Signature",
            &sign(secret, at, raw.as_bytes()).unwrap(),
        )
        .raw("application/json", raw)
        .send()
        .await
}

/// The billing webhook: signed deliveries only (HMAC-SHA256 over `timestamp.body`, five
/// minutes), each idempotent by the billing system's ids.
pub async fn billing_events_are_signed_and_idempotent(app: TestApp) {
    let admin = app.admin().await;
    let rep = app.user(Role::SalesRep, None, None).await;
    let finance = app.user(Role::Finance, None, None).await;
    let deal = won_deal(&app, &rep, "Billed Co", "2000.00").await;
    consume(&app).await;
    let client = deal["client_id"].as_str().unwrap();
    let now = Utc::now().timestamp();
    let paid = json!({
        "type": "invoice.paid", "invoice_id": "in_1001", "client_id": client,
        "amount": { "amount": "899.00", "currency": "USD" }, "service_month": "2026-10",
        "paid_at": Utc::now().to_rfc3339(),
    });

    // No secret set: every delivery is refused.
    deliver(&app, &paid, SECRET, now)
        .await
        .problem(401, "unauthenticated");
    let set = app
        .patch("/api/v1/settings")
        .auth(&admin)
        .json(&json!({ "billing_webhook_secret": SECRET }))
        .send()
        .await
        .expect(200);
    assert_eq!(set.body["billing_webhook_configured"], true);
    assert!(!set.text.contains(SECRET), "the secret is never shown");

    // A wrong secret, a stale or future timestamp, a tampered body, missing headers: 401.
    deliver(&app, &paid, "whsec_someone_else_entirely", now)
        .await
        .problem(401, "unauthenticated");
    // Well past the 5 minutes either way: the test's clock reading is seconds old by now.
    deliver(&app, &paid, SECRET, now - 600)
        .await
        .problem(401, "unauthenticated");
    deliver(&app, &paid, SECRET, now + 600)
        .await
        .problem(401, "unauthenticated");
    let raw = paid.to_string();
    let tampered = raw.replace("899.00", "8990.00");
    app.post("/api/v1/billing/events")
        .header("X-Closebook-Timestamp", &now.to_string())
        .header(
            "X-Closebook-Signature",
            &sign(SECRET, now, raw.as_bytes()).unwrap(),
        )
        .raw("application/json", tampered)
        .send()
        .await
        .problem(401, "unauthenticated");
    app.post("/api/v1/billing/events")
        .raw("application/json", raw)
        .send()
        .await
        .problem(401, "unauthenticated");

    // Signed: the invoice is created paid and its residual written (200.00, the first close);
    // the same event again writes nothing.
    let first = deliver(&app, &paid, SECRET, now).await.expect(200);
    assert_eq!(first.body["duplicate"], false);
    assert_eq!(first.body["commission_lines"], 1);
    let again = deliver(&app, &paid, SECRET, now + 10).await.expect(200);
    assert_eq!(again.body["duplicate"], true);
    assert_eq!(again.body["invoice_id"], first.body["invoice_id"]);
    let residuals = app
        .get("/api/v1/commissions?line_type=residual")
        .auth(&finance)
        .send()
        .await
        .expect(200);
    let items = residuals.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["amount"]["amount"], "200.00");
    let invoice = app
        .get(&format!(
            "/api/v1/invoices/{}",
            first.body["invoice_id"].as_str().unwrap()
        ))
        .auth(&finance)
        .send()
        .await
        .expect(200);
    assert_eq!(invoice.body["external_id"], "in_1001");

    // A refund of half: −100.00, once.
    let refunded = json!({
        "type": "invoice.refunded", "invoice_id": "in_1001", "refund_id": "re_1",
        "amount": { "amount": "449.50", "currency": "USD" }, "refunded_at": Utc::now().to_rfc3339(),
    });
    let r = deliver(&app, &refunded, SECRET, now).await.expect(200);
    assert_eq!(r.body["commission_lines"], 1);
    assert_eq!(
        deliver(&app, &refunded, SECRET, now).await.expect(200).body["duplicate"],
        true
    );
    let clawbacks = app
        .get("/api/v1/commissions?line_type=clawback")
        .auth(&finance)
        .send()
        .await
        .expect(200);
    let items = clawbacks.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["amount"]["amount"], "-100.00");

    // The subscription ends: the deal's pending line is voided at once.
    let cancelled = json!({
        "type": "subscription.cancelled", "client_id": client, "cancelled_at": Utc::now().to_rfc3339(),
    });
    let c = deliver(&app, &cancelled, SECRET, now).await.expect(200);
    assert_eq!(c.body["commission_lines"], 1);
    assert_eq!(
        deliver(&app, &cancelled, SECRET, now)
            .await
            .expect(200)
            .body["duplicate"],
        true
    );
    let nb = line_of(&app, &finance, deal["id"].as_str().unwrap()).await;
    assert_eq!(nb["status"], "voided");

    // Bad bodies, once signed, are named: an unknown type, an unknown client, a bad id.
    let unknown_type = json!({ "type": "invoice.exploded", "invoice_id": "x" });
    deliver(&app, &unknown_type, SECRET, now)
        .await
        .problem(422, "validation_failed");
    let mut stranger = paid.clone();
    stranger["invoice_id"] = json!("in_2002");
    stranger["client_id"] = json!("01a21d30-0000-7000-8000-000000000000");
    let bad = deliver(&app, &stranger, SECRET, now)
        .await
        .problem(409, "invalid_reference");
    assert_eq!(bad.fields(), ["client_id"]);
    let mut spaced = paid.clone();
    spaced["invoice_id"] = json!("in 3003");
    let bad = deliver(&app, &spaced, SECRET, now)
        .await
        .problem(422, "validation_failed");
    assert_eq!(bad.fields(), ["invoice_id"]);
}
