//! A partner account's analytics: its orders of the window by month and by product, with the
//! margin at MSRP; cancelled orders and orders before the window count for nothing; whoever
//! sees the account sees them, nobody else.

use crate::common;

use chrono::{Duration, Utc};
use closebook_shared::Role;
use closebook_shared::commissions::Period;
use common::{TestApp, TestUser, usd};
use serde_json::{Value, json};

async fn product(app: &TestApp, admin: &TestUser, sku: &str, msrp: &str) -> String {
    app.post("/api/v1/products")
        .auth(admin)
        .json(
            &json!({ "sku": sku, "name": format!("Product {sku}"), "category": "smoothie",
            "msrp": usd(msrp), "wholesale_price": usd("3.00"), "cost": usd("1.20"),
            "case_pack": 12, "min_order_qty": 12, "stock": 10000, "reorder_point": 10,
            "allergens": [], "certifications": [], "nutrition": {} }),
        )
        .send()
        .await
        .expect(201)
        .id()
}

/// The partner user's order of `items` (product, units): its id and subtotal.
async fn order(app: &TestApp, who: &TestUser, items: &[(&str, u32)]) -> (String, String) {
    let items: Vec<Value> = items
        .iter()
        .map(|(p, n)| json!({ "product_id": p, "quantity": n }))
        .collect();
    let placed = app
        .post("/api/v1/orders")
        .auth(who)
        .json(&json!({ "items": items }))
        .send()
        .await
        .expect(201);
    let subtotal = placed.body["subtotal"]["amount"]
        .as_str()
        .unwrap()
        .to_owned();
    (placed.id(), subtotal)
}

async fn dated(app: &TestApp, order: &str, at: chrono::NaiveDateTime) {
    let at = at.format("%Y-%m-%d %H:%M:%S");
    app.sql(format!(
        "UPDATE orders SET created_at = '{at}' WHERE id = '{order}'"
    ))
    .await;
}

async fn analytics(app: &TestApp, who: &TestUser, account: &str, query: &str) -> common::Res {
    app.get(&format!("/api/v1/partners/{account}/analytics{query}"))
        .auth(who)
        .send()
        .await
}

async fn an_accounts_purchases_by_month_and_product(app: TestApp) {
    let admin = app.admin().await;
    let rep = app.user(Role::SalesRep, None, None).await;
    let other_rep = app.user(Role::SalesRep, None, None).await;
    let terms =
        json!({ "tier": "growth", "credit_limit": usd("50000.00"), "payment_terms": "net30" });
    let (account, buyer) = app
        .approved_partner(
            &admin,
            &rep,
            "Analytic Foods",
            terms.clone(),
            "buyer@analytic.example",
        )
        .await;
    let (_, stranger) = app
        .approved_partner(
            &admin,
            &other_rep,
            "Other Foods",
            terms,
            "buyer@other.example",
        )
        .await;
    // Growth is 35% off MSRP: 5.00 → 3.25, 2.00 → 1.30.
    let a = product(&app, &admin, "AN-A", "5.00").await;
    let b = product(&app, &admin, "AN-B", "2.00").await;

    // This month: 24 A and 12 B (78.00 + 15.60); last month: 48 B (62.40); a cancelled order
    // this month and one three years ago count for nothing.
    let (now_order, now_total) = order(&app, &buyer, &[(&a, 24), (&b, 12)]).await;
    assert_eq!(now_total, "93.60");
    let (last_order, last_total) = order(&app, &buyer, &[(&b, 48)]).await;
    assert_eq!(last_total, "62.40");
    let this_month = Period::of(Utc::now().date_naive());
    let last_month = this_month.previous();
    let mid_last_month = last_month.first_day().and_hms_opt(12, 0, 0).unwrap() + Duration::days(10);
    dated(&app, &last_order, mid_last_month).await;
    let (cancelled, _) = order(&app, &buyer, &[(&a, 1200)]).await;
    app.post(&format!("/api/v1/orders/{cancelled}/status"))
        .auth(&admin)
        .json(&json!({ "status": "cancelled", "note": "changed their mind" }))
        .send()
        .await
        .expect(200);
    let (old, _) = order(&app, &buyer, &[(&a, 1200)]).await;
    dated(
        &app,
        &old,
        (Utc::now() - Duration::days(3 * 365)).naive_utc(),
    )
    .await;
    let _ = now_order;

    let got = analytics(&app, &buyer, &account, "?months=2")
        .await
        .expect(200);
    let body = &got.body;
    assert_eq!(body["from"], last_month.to_string());
    assert_eq!(body["to"], this_month.to_string());
    let months: Vec<(String, u64, u64, String, String)> = body["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["month"].as_str().unwrap().to_owned(),
                m["orders"].as_u64().unwrap(),
                m["units"].as_u64().unwrap(),
                m["spend"]["amount"].as_str().unwrap().to_owned(),
                m["margin"]["amount"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        months,
        vec![
            // 48 B: 96.00 at MSRP, 62.40 paid.
            (
                last_month.to_string(),
                1,
                48,
                "62.40".into(),
                "33.60".into()
            ),
            // 24 A + 12 B: 144.00 at MSRP, 93.60 paid.
            (
                this_month.to_string(),
                1,
                36,
                "93.60".into(),
                "50.40".into()
            ),
        ]
    );
    assert_eq!(body["totals"]["orders"], 2);
    assert_eq!(body["totals"]["spend"], usd("156.00"));
    assert_eq!(body["totals"]["retail_value"], usd("240.00"));
    assert_eq!(body["totals"]["margin_percent"], "35.0");
    assert_eq!(body["average_order"], usd("78.00"));
    // By product, highest spend first, an equal spend by SKU: A 78.00 (24 units on one order),
    // B 78.00 (60 units on two), half the spend each.
    let products: Vec<(String, u64, u64, String, String)> = body["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["sku"].as_str().unwrap().to_owned(),
                p["orders"].as_u64().unwrap(),
                p["units"].as_u64().unwrap(),
                p["spend"]["amount"].as_str().unwrap().to_owned(),
                p["share_percent"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        products,
        vec![
            ("AN-A".into(), 1, 24, "78.00".into(), "50.0".into()),
            ("AN-B".into(), 2, 60, "78.00".into(), "50.0".into()),
        ]
    );

    // One month: only this month's order.
    let one = analytics(&app, &buyer, &account, "?months=1")
        .await
        .expect(200);
    assert_eq!(one.body["totals"]["orders"], 1);
    assert_eq!(one.body["months"].as_array().unwrap().len(), 1);
    // The default window is a year.
    let year = analytics(&app, &rep, &account, "").await.expect(200);
    assert_eq!(year.body["months"].as_array().unwrap().len(), 12);
    assert_eq!(year.body["totals"]["orders"], 2);

    // Whoever sees the account: its rep, the back office; not another account's user or rep.
    analytics(&app, &admin, &account, "").await.expect(200);
    analytics(&app, &stranger, &account, "")
        .await
        .problem(404, "not_found");
    analytics(&app, &other_rep, &account, "")
        .await
        .problem(404, "not_found");
    // The window is 1–24 months.
    for bad in ["?months=0", "?months=25", "?months=x"] {
        let res = analytics(&app, &buyer, &account, bad)
            .await
            .problem(400, "bad_request");
        assert_eq!(res.fields(), vec!["months"], "{bad}");
    }
}

on_both_backends!(an_accounts_purchases_by_month_and_product);
