//! The catalogue and partner orders: products at every tier's price, who sees cost, stock
//! adjustments; a cart priced in whole cases at the tier, the minimum order and the credit
//! check; the fulfilment pipeline with stock reserved on confirmation and released on
//! cancellation; who sees and moves which order; and stock that never goes negative when
//! orders are confirmed in parallel.

use crate::common;

use closebook_shared::Role;
use common::{TestApp, TestUser, partner_application};
use futures_util::future::join_all;
use serde_json::{Value, json};

struct World {
    admin: TestUser,
    manager: TestUser,
    rep: TestUser,
    other_rep: TestUser,
    partner: TestUser,
    account: String,
    detox: String,
    bar: String,
}

fn usd(amount: &str) -> Value {
    json!({ "amount": amount, "currency": "USD" })
}

fn product(sku: &str, msrp: &str, case_pack: u32, moq: u32, stock: u32) -> Value {
    json!({ "sku": sku, "name": format!("Product {sku}"), "category": "smoothie",
            "msrp": usd(msrp), "wholesale_price": usd("3.00"), "cost": usd("1.20"),
            "case_pack": case_pack, "min_order_qty": moq, "stock": stock, "reorder_point": 100,
            "allergens": [" Dairy-free ", "  "], "certifications": ["USDA Organic"],
            "nutrition": { "serving_size": "12 oz", "calories": 180, "protein_g": 20 } })
}

async fn add_product(app: &TestApp, admin: &TestUser, body: Value) -> String {
    app.post("/api/v1/products")
        .auth(admin)
        .json(&body)
        .send()
        .await
        .expect(201)
        .id()
}

/// An active growth account (35% off MSRP, 5,000 USD on NET 30) looked after by `rep`, its
/// user, and two products.
async fn world(app: &TestApp) -> World {
    let admin = app.admin().await;
    let manager = app.user(Role::SalesManager, None, None).await;
    let team = app.team("Wholesale", Some(manager.id)).await;
    let rep = app.user(Role::SalesRep, Some(team), Some(manager.id)).await;
    let other_rep = app.user(Role::SalesRep, None, None).await;
    let account = app
        .post("/api/v1/partners")
        .auth(&rep)
        .json(&partner_application("Becker Fine Foods"))
        .send()
        .await
        .expect(201)
        .id();
    app.post(&format!("/api/v1/partners/{account}/approve"))
        .auth(&admin)
        .json(
            &json!({ "tier": "growth", "credit_limit": usd("5000.00"), "payment_terms": "net30" }),
        )
        .send()
        .await
        .expect(200);
    let partner = app
        .partner_user(&admin, &account, "pat@becker.example")
        .await;
    let detox = add_product(app, &admin, product("sm-detox-12", "4.99", 12, 100, 1000)).await;
    let bar = add_product(app, &admin, product("PB-CHOC", "2.49", 24, 48, 500)).await;
    World {
        admin,
        manager,
        rep,
        other_rep,
        partner,
        account,
        detox,
        bar,
    }
}

/// The payloads of the outbox's events `name` about the record `id`.
async fn events(app: &TestApp, name: &'static str, id: &str) -> Vec<Value> {
    use closebook_api::db::schema::outbox_events;
    use diesel::prelude::*;
    let id = id.to_owned();
    app.db()
        .read(move |c| {
            Ok(outbox_events::table
                .filter(outbox_events::event_type.eq(name))
                .filter(outbox_events::aggregate_id.eq(id))
                .select(outbox_events::payload)
                .load::<String>(c)?)
        })
        .await
        .unwrap()
        .iter()
        .map(|p| serde_json::from_str(p).unwrap())
        .collect()
}

async fn stock(app: &TestApp, w: &World, id: &str) -> i64 {
    app.get(&format!("/api/v1/products/{id}"))
        .auth(&w.admin)
        .send()
        .await
        .expect(200)
        .body["stock"]
        .as_i64()
        .unwrap()
}

async fn place(app: &TestApp, who: &TestUser, body: Value) -> common::Res {
    app.post("/api/v1/orders")
        .auth(who)
        .json(&body)
        .send()
        .await
}

async fn move_to(app: &TestApp, who: &TestUser, order: &str, status: &str) -> common::Res {
    app.post(&format!("/api/v1/orders/{order}/status"))
        .auth(who)
        .json(&json!({ "status": status, "note": format!("to {status}") }))
        .send()
        .await
}

async fn the_catalogue_prices_every_tier_and_keeps_stock(app: TestApp) {
    let w = world(&app).await;
    // The admin sees every tier's price off MSRP, the margin, and the cost.
    let seen = app
        .get(&format!("/api/v1/products/{}", w.detox))
        .auth(&w.admin)
        .send()
        .await
        .expect(200);
    let p = &seen.body;
    assert_eq!(p["sku"], "SM-DETOX-12");
    assert_eq!(p["cost"], usd("1.20"));
    assert_eq!(p["allergens"], json!(["Dairy-free"]));
    assert_eq!(p["nutrition"]["protein_g"], 20);
    let tiers: Vec<(String, String, String)> = p["tier_prices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["tier"].as_str().unwrap().to_owned(),
                t["price"]["amount"].as_str().unwrap().to_owned(),
                t["margin_percent"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("starter", "3.74", "25.1"),
        ("growth", "3.24", "35.1"),
        ("enterprise", "2.99", "40.1"),
    ];
    assert_eq!(
        tiers,
        expected
            .map(|(t, p, m)| (t.to_owned(), p.to_owned(), m.to_owned()))
            .to_vec()
    );
    assert_eq!(p["your_price"], Value::Null);

    // The partner sees its own price and no cost; a rep sees no cost either.
    let theirs = app
        .get(&format!("/api/v1/products/{}", w.detox))
        .auth(&w.partner)
        .send()
        .await
        .expect(200);
    assert_eq!(theirs.body["your_price"]["tier"], "growth");
    assert_eq!(theirs.body["your_price"]["price"], usd("3.24"));
    assert_eq!(theirs.body["your_price"]["margin"], usd("1.75"));
    assert_eq!(theirs.body["cost"], Value::Null);
    let reps = app
        .get("/api/v1/products?q=detox")
        .auth(&w.rep)
        .send()
        .await
        .expect(200);
    assert_eq!(reps.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(reps.body["items"][0]["cost"], Value::Null);

    // One product per SKU, however it is cased; prices in the organisation's currency.
    let twin = app
        .post("/api/v1/products")
        .auth(&w.admin)
        .json(&product("SM-Detox-12", "1.00", 1, 1, 0))
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(twin.fields(), ["sku"]);
    let mut euro = product("EU-1", "1.00", 1, 1, 0);
    euro["msrp"] = json!({ "amount": "1.00", "currency": "EUR" });
    let refused = app
        .post("/api/v1/products")
        .auth(&w.admin)
        .json(&euro)
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(refused.fields(), ["msrp"]);
    app.post("/api/v1/products")
        .auth(&w.rep)
        .json(&product("REP-1", "1.00", 1, 1, 0))
        .send()
        .await
        .problem(403, "forbidden");

    // Stock moves by adjustments, never below zero.
    let adjust = format!("/api/v1/products/{}/stock", w.bar);
    let received = app
        .post(&adjust)
        .auth(&w.admin)
        .json(&json!({ "change": 240, "reason": "Received PO 77" }))
        .send()
        .await
        .expect(200);
    assert_eq!(received.body["stock"], 740);
    let short = app
        .post(&adjust)
        .auth(&w.admin)
        .json(&json!({ "change": -741, "reason": "Count" }))
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(short.fields(), ["change"]);
    assert_eq!(stock(&app, &w, &w.bar).await, 740);
    // At the reorder point it shows on the restock list.
    app.post(&adjust)
        .auth(&w.admin)
        .json(&json!({ "change": -700, "reason": "Damaged in the freezer" }))
        .send()
        .await
        .expect(200);
    let restock = app
        .get("/api/v1/products?needs_reorder=true")
        .auth(&w.admin)
        .send()
        .await
        .expect(200);
    let skus: Vec<&str> = restock.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["sku"].as_str().unwrap())
        .collect();
    assert_eq!(skus, ["PB-CHOC"]);

    // An inactive product is the back office's only.
    let version = app
        .get(&format!("/api/v1/products/{}", w.bar))
        .auth(&w.admin)
        .send()
        .await
        .body["version"]
        .clone();
    app.patch(&format!("/api/v1/products/{}", w.bar))
        .auth(&w.admin)
        .json(&json!({ "active": false, "version": version }))
        .send()
        .await
        .expect(200);
    app.get(&format!("/api/v1/products/{}", w.bar))
        .auth(&w.partner)
        .send()
        .await
        .problem(404, "not_found");
    let listed = app
        .get("/api/v1/products")
        .auth(&w.partner)
        .send()
        .await
        .expect(200);
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 1);
    // Stale edits are 412; the stock an order reserved meanwhile is kept by an edit.
    app.patch(&format!("/api/v1/products/{}", w.bar))
        .auth(&w.admin)
        .json(&json!({ "active": true, "version": version }))
        .send()
        .await
        .problem(412, "version_mismatch");
}

async fn an_order_is_priced_checked_and_fulfilled(app: TestApp) {
    let w = world(&app).await;
    // The cart: 100 detox become 9 cases (108) at 3.24; 20 bars, one case of 24, are below
    // the minimum of 48.
    let quote = app
        .post("/api/v1/orders/quote")
        .auth(&w.partner)
        .json(
            &json!({ "items": [ { "product_id": w.detox, "quantity": 100 },
                                  { "product_id": w.bar, "quantity": 48 } ] }),
        )
        .send()
        .await
        .expect(200);
    let q = &quote.body;
    assert_eq!(q["cart"]["lines"][0]["quantity"], 108);
    assert_eq!(q["cart"]["lines"][0]["cases"], 9);
    assert_eq!(q["cart"]["lines"][0]["unit_price"], usd("3.24"));
    // 108 × 3.24 = 349.92; 48 × 1.62 = 77.76
    assert_eq!(q["cart"]["subtotal"], usd("427.68"));
    assert_eq!(q["credit"]["available"], usd("5000.00"));
    assert_eq!(q["blockers"], json!([]));
    let below = app
        .post("/api/v1/orders/quote")
        .auth(&w.partner)
        .json(
            &json!({ "items": [ { "product_id": w.detox, "quantity": 100 },
                                  { "product_id": w.bar, "quantity": 20 } ] }),
        )
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(below.fields(), ["items[1].quantity"]);

    // Placed by the partner: pending, numbered, shipped to the business by default.
    let placed = place(
        &app,
        &w.partner,
        json!({ "items": [ { "product_id": w.detox, "quantity": 100 },
                           { "product_id": w.bar, "quantity": 48 } ],
                "po_number": "PO-4471" }),
    )
    .await
    .expect(201);
    let order = placed.id();
    assert_eq!(
        placed.header("location"),
        Some(format!("/api/v1/orders/{order}").as_str())
    );
    let o = &placed.body;
    assert_eq!(o["status"], "pending");
    assert!(o["number"].as_str().unwrap().starts_with("ORD-1"));
    assert_eq!(o["subtotal"], usd("427.68"));
    assert_eq!(o["discount_percent"], 35);
    assert_eq!(o["rep_id"], w.rep.id.to_string());
    assert_eq!(o["ship_to"]["address"]["city"], "Chicago");
    assert_eq!(o["ship_to"]["recipient_name"], "Tom Becker");
    assert_eq!(o["history"][0]["to"], "pending");
    // Integrations hear of it, and of the account's approval (the new-partner bonus's source).
    let placed_events = events(&app, "wholesale.order.placed", &order).await;
    assert_eq!(placed_events.len(), 1);
    assert_eq!(placed_events[0]["subtotal"], usd("427.68"));
    assert_eq!(placed_events[0]["rep_id"], w.rep.id.to_string());
    let approved = events(&app, "wholesale.partner.approved", &w.account).await;
    assert_eq!(approved.len(), 1);
    assert_eq!(approved[0]["tier"], "growth");
    assert_eq!(approved[0]["rep_id"], w.rep.id.to_string());
    // Nothing is reserved until it is confirmed.
    assert_eq!(stock(&app, &w, &w.detox).await, 1000);

    // Its credit is used: an order beyond what is left is refused, naming the credit.
    let beyond = place(
        &app,
        &w.rep,
        json!({ "partner_id": w.account,
                "items": [ { "product_id": w.detox, "quantity": 1500 } ] }),
    )
    .await
    .problem(409, "conflict");
    assert!(beyond.body["detail"].as_str().unwrap().contains("4572.32"));

    // Only the back office moves it along; the partner and the rep may not confirm it.
    move_to(&app, &w.partner, &order, "confirmed")
        .await
        .problem(403, "forbidden");
    move_to(&app, &w.admin, &order, "production")
        .await
        .problem(409, "conflict");
    let confirmed = move_to(&app, &w.admin, &order, "confirmed")
        .await
        .expect(200);
    assert_eq!(confirmed.body["status"], "confirmed");
    assert_eq!(stock(&app, &w, &w.detox).await, 892);
    assert_eq!(stock(&app, &w, &w.bar).await, 452);
    // Once confirmed the partner cannot cancel it; the back office can, and the stock returns.
    move_to(&app, &w.partner, &order, "cancelled")
        .await
        .problem(403, "forbidden");
    move_to(&app, &w.admin, &order, "production")
        .await
        .expect(200);
    let cancelled = move_to(&app, &w.admin, &order, "cancelled")
        .await
        .expect(200);
    assert_eq!(stock(&app, &w, &w.detox).await, 1000);
    let history: Vec<&str> = cancelled.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["to"].as_str().unwrap())
        .collect();
    assert_eq!(history, ["pending", "confirmed", "production", "cancelled"]);
    assert_eq!(cancelled.body["history"][3]["note"], "to cancelled");
    // Cancelling needs a reason.
    let again = place(
        &app,
        &w.partner,
        json!({ "items": [ { "product_id": w.bar, "quantity": 48 } ] }),
    )
    .await
    .expect(201)
    .id();
    let no_note = app
        .post(&format!("/api/v1/orders/{again}/status"))
        .auth(&w.partner)
        .json(&json!({ "status": "cancelled" }))
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(no_note.fields(), ["note"]);
    move_to(&app, &w.partner, &again, "cancelled")
        .await
        .expect(200);

    // The whole pipeline to delivery; shipped units do not come back.
    let full = place(
        &app,
        &w.partner,
        json!({ "items": [ { "product_id": w.detox, "quantity": 120 } ],
                "ship_to": { "recipient_name": "Receiving", "dock_instructions": "Dock 4, ring twice",
                             "dock_hours": "Mon–Fri 6am–2pm", "requires_appointment": true,
                             "address": { "line1": "2 Cold Storage Rd", "city": "Gary", "region": "IN",
                                          "postal_code": "46402", "country": "US" } } }),
    )
    .await
    .expect(201);
    assert_eq!(
        full.body["ship_to"]["dock_instructions"],
        "Dock 4, ring twice"
    );
    let full = full.id();
    for status in [
        "confirmed",
        "production",
        "quality_check",
        "shipped",
        "delivered",
    ] {
        move_to(&app, &w.admin, &full, status).await.expect(200);
    }
    move_to(&app, &w.admin, &full, "cancelled")
        .await
        .problem(409, "conflict");
    assert_eq!(stock(&app, &w, &w.detox).await, 880);

    // The account's order stats leave the two cancelled orders out: one order of 120 × 3.24,
    // delivered and not yet paid.
    let account = app
        .get(&format!("/api/v1/partners/{}", w.account))
        .auth(&w.admin)
        .send()
        .await;
    let stats = &account.body["stats"];
    assert_eq!(stats["orders"], 1);
    assert_eq!(stats["lifetime_value"], usd("388.80"));
    assert_eq!(stats["average_order"], usd("388.80"));
    assert_eq!(stats["open_balance"], usd("388.80"));
    assert_eq!(stats["available_credit"], usd("4611.20"));
    assert!(stats["last_order_at"].is_string());

    // A suspended account orders nothing.
    app.post(&format!("/api/v1/partners/{}/status", w.account))
        .auth(&w.admin)
        .json(&json!({ "status": "suspended", "reason": "Overdue", "version": account.body["version"] }))
        .send()
        .await
        .expect(200);
    let stopped = place(
        &app,
        &w.partner,
        json!({ "items": [ { "product_id": w.bar, "quantity": 48 } ] }),
    )
    .await
    .problem(409, "conflict");
    assert!(
        stopped.body["detail"]
            .as_str()
            .unwrap()
            .contains("suspended")
    );

    let audit = app
        .get("/api/v1/audit?entity_type=order")
        .auth(&w.admin)
        .send()
        .await
        .expect(200);
    let actions: Vec<&str> = audit.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"order.place") && actions.contains(&"order.status"));
}

async fn who_sees_and_places_which_order(app: TestApp) {
    let w = world(&app).await;
    let by_rep = place(
        &app,
        &w.rep,
        json!({ "partner_id": w.account, "items": [ { "product_id": w.bar, "quantity": 48 } ] }),
    )
    .await
    .expect(201)
    .id();
    // A partner user must name no other account; a rep must name one.
    place(
        &app,
        &w.rep,
        json!({ "items": [ { "product_id": w.bar, "quantity": 48 } ] }),
    )
    .await
    .problem(422, "validation_failed");
    place(
        &app,
        &w.other_rep,
        json!({ "partner_id": w.account, "items": [ { "product_id": w.bar, "quantity": 48 } ] }),
    )
    .await
    .problem(404, "not_found");
    let finance = app.user(Role::Finance, None, None).await;
    place(
        &app,
        &finance,
        json!({ "partner_id": w.account, "items": [ { "product_id": w.bar, "quantity": 48 } ] }),
    )
    .await
    .problem(403, "forbidden");
    // (caller, sees the order)
    let table = [
        (&w.admin, true),
        (&finance, true),
        (&w.manager, true),
        (&w.rep, true),
        (&w.partner, true),
        (&w.other_rep, false),
    ];
    for (who, sees) in table {
        let got = app
            .get(&format!("/api/v1/orders/{by_rep}"))
            .auth(who)
            .send()
            .await;
        assert_eq!(
            got.status.as_u16(),
            if sees { 200 } else { 404 },
            "{:?}",
            who.role
        );
        let list = app.get("/api/v1/orders").auth(who).send().await.expect(200);
        let ids: Vec<&str> = list.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["id"].as_str().unwrap())
            .collect();
        assert_eq!(
            ids.contains(&by_rep.as_str()),
            sees,
            "{:?} lists it",
            who.role
        );
    }
    // Another account's user sees none of it.
    let other = app
        .post("/api/v1/partners")
        .auth(&w.admin)
        .json(&partner_application("Other Foods"))
        .send()
        .await
        .expect(201)
        .id();
    let stranger = app
        .partner_user(&w.admin, &other, "ann@other.example")
        .await;
    app.get(&format!("/api/v1/orders/{by_rep}"))
        .auth(&stranger)
        .send()
        .await
        .problem(404, "not_found");
    // Its own account is pending: it cannot order yet.
    place(
        &app,
        &stranger,
        json!({ "items": [ { "product_id": w.bar, "quantity": 48 } ] }),
    )
    .await
    .problem(409, "conflict");
    // The list pages newest first and searches order and PO numbers.
    for n in 0..3 {
        place(
            &app,
            &w.partner,
            json!({ "items": [ { "product_id": w.bar, "quantity": 48 } ], "po_number": format!("PO-PAGE-{n}") }),
        )
        .await
        .expect(201);
    }
    let first = app
        .get("/api/v1/orders?limit=2")
        .auth(&w.partner)
        .send()
        .await
        .expect(200);
    let second = app
        .get(&format!(
            "/api/v1/orders?limit=2&cursor={}",
            first.body["next_cursor"].as_str().unwrap()
        ))
        .auth(&w.partner)
        .send()
        .await
        .expect(200);
    let pos: Vec<Value> = [&first, &second]
        .iter()
        .flat_map(|p| p.body["items"].as_array().unwrap().clone())
        .map(|o| o["po_number"].clone())
        .collect();
    assert_eq!(
        pos,
        [
            json!("PO-PAGE-2"),
            json!("PO-PAGE-1"),
            json!("PO-PAGE-0"),
            Value::Null
        ]
    );
    let found = app
        .get("/api/v1/orders?q=po-page-1")
        .auth(&w.partner)
        .send()
        .await
        .expect(200);
    assert_eq!(found.body["items"].as_array().unwrap().len(), 1);
}

/// Twelve orders of 108 units each against 1,000 in stock, confirmed at once: nine fit, three
/// are refused, and the stock ends at 28, never below zero.
async fn parallel_orders_never_oversell(app: TestApp) {
    let w = world(&app).await;
    let placed = join_all((0..12).map(|_| {
        place(
            &app,
            &w.partner,
            json!({ "items": [ { "product_id": w.detox, "quantity": 100 } ] }),
        )
    }))
    .await;
    let orders: Vec<String> = placed.into_iter().map(|r| r.expect(201).id()).collect();
    let numbers: std::collections::HashSet<String> = join_all(orders.iter().map(|o| {
        app.get(&format!("/api/v1/orders/{o}"))
            .auth(&w.admin)
            .send()
    }))
    .await
    .into_iter()
    .map(|r| r.body["number"].as_str().unwrap().to_owned())
    .collect();
    assert_eq!(numbers.len(), 12, "every order has its own number");
    let answers: Vec<u16> = join_all(
        orders
            .iter()
            .map(|o| move_to(&app, &w.admin, o, "confirmed")),
    )
    .await
    .into_iter()
    .map(|r| r.status.as_u16())
    .collect();
    let confirmed = answers.iter().filter(|s| **s == 200).count();
    let refused = answers.iter().filter(|s| **s == 409).count();
    assert_eq!((confirmed, refused), (9, 3), "{answers:?}");
    assert_eq!(stock(&app, &w, &w.detox).await, 1000 - 9 * 108);
}

on_both_backends!(
    the_catalogue_prices_every_tier_and_keeps_stock,
    an_order_is_priced_checked_and_fulfilled,
    who_sees_and_places_which_order,
    parallel_orders_never_oversell
);
