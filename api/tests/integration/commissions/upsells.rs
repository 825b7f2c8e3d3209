use closebook_shared::Role;
use serde_json::json;

use super::support::{consume, promote_at, won_deal};
use crate::common::TestApp;

/// An upsell marked sold writes its rep 10% of the price, pending until the window passes.
pub async fn upsells_earn_ten_percent_once_sold(app: TestApp) {
    let rep = app.user(Role::SalesRep, None, None).await;
    let other = app.user(Role::SalesRep, None, None).await;
    let finance = app.user(Role::Finance, None, None).await;
    let deal = won_deal(&app, &rep, "Upsold Co", "100.00").await;
    consume(&app).await;
    let client = deal["client_id"].as_str().unwrap();

    let offered = app
        .post(&format!("/api/v1/clients/{client}/upsells"))
        .auth(&rep)
        .json(&json!({ "product": "Premium support", "price": { "amount": "899.95", "currency": "USD" } }))
        .send()
        .await
        .expect(201);
    let id = offered.id();
    assert_eq!(
        offered.header("location").unwrap(),
        format!("/api/v1/upsells/{id}")
    );
    assert_eq!(offered.body["sold_at"], serde_json::Value::Null);
    assert_eq!(offered.body["rep_id"], rep.id.to_string());
    // Another rep neither sees nor sells it.
    app.get(&format!("/api/v1/upsells/{id}"))
        .auth(&other)
        .send()
        .await
        .problem(404, "not_found");
    app.post(&format!("/api/v1/upsells/{id}/sold"))
        .auth(&other)
        .json(&json!({}))
        .send()
        .await
        .problem(404, "not_found");

    let sold = app
        .post(&format!("/api/v1/upsells/{id}/sold"))
        .auth(&rep)
        .json(&json!({}))
        .send()
        .await
        .expect(200);
    assert!(sold.body["sold_at"].is_string());
    let line_id = sold.body["commission_line_id"].as_str().unwrap().to_owned();
    let line = app
        .get(&format!("/api/v1/commissions/{line_id}"))
        .auth(&rep)
        .send()
        .await
        .expect(200);
    // 10% of 899.95 = 89.995 → 90.00 (half away from zero).
    assert_eq!(
        line.body["line"]["amount"],
        json!({ "amount": "90.00", "currency": "USD" })
    );
    assert_eq!(line.body["line"]["line_type"], "upsell");
    assert_eq!(line.body["line"]["status"], "pending");
    assert_eq!(line.body["line"]["rate"], "0.1");
    app.post(&format!("/api/v1/upsells/{id}/sold"))
        .auth(&rep)
        .json(&json!({}))
        .send()
        .await
        .problem(409, "conflict");
    promote_at(&app, 31).await;
    let line = app
        .get(&format!("/api/v1/commissions/{line_id}"))
        .auth(&finance)
        .send()
        .await
        .expect(200);
    assert_eq!(line.body["line"]["status"], "earned");
    let listed = app
        .get(&format!("/api/v1/clients/{client}/upsells"))
        .auth(&rep)
        .send()
        .await
        .expect(200);
    assert_eq!(listed.body.as_array().unwrap().len(), 1);

    // Bad input names the field.
    for (body, field) in [
        (
            json!({ "product": " ", "price": { "amount": "1.00", "currency": "USD" } }),
            "product",
        ),
        (
            json!({ "product": "X", "price": { "amount": "-1.00", "currency": "USD" } }),
            "price",
        ),
    ] {
        let bad = app
            .post(&format!("/api/v1/clients/{client}/upsells"))
            .auth(&rep)
            .json(&body)
            .send()
            .await
            .problem(422, "validation_failed");
        assert_eq!(bad.fields(), [field]);
    }
    let future = app
        .post(&format!("/api/v1/upsells/{id}/sold"))
        .auth(&rep)
        .json(&json!({ "sold_at": "2099-01-01T00:00:00Z" }))
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(future.fields(), ["sold_at"]);
}
