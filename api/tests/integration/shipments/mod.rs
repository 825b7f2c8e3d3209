//! Shipments: booked for a confirmed order, moved by tracking events (forward, into and out of
//! an exception, never back, delivered with who signed), a temperature log with excursions
//! flagged, and who sees and moves which.

use crate::common;

use chrono::{Duration, Utc};
use closebook_shared::Role;
use common::{TestApp, TestUser, partner_application};
use serde_json::{Value, json};

struct World {
    admin: TestUser,
    rep: TestUser,
    other_rep: TestUser,
    partner: TestUser,
    order: String,
}

fn usd(amount: &str) -> Value {
    json!({ "amount": amount, "currency": "USD" })
}

/// A confirmed order of an account looked after by `rep`, and the account's user.
async fn world(app: &TestApp) -> World {
    let admin = app.admin().await;
    let rep = app.user(Role::SalesRep, None, None).await;
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
            &json!({ "tier": "starter", "credit_limit": usd("5000.00"), "payment_terms": "net30" }),
        )
        .send()
        .await
        .expect(200);
    let partner = app
        .partner_user(&admin, &account, "pat@becker.example")
        .await;
    let product = app
        .post("/api/v1/products")
        .auth(&admin)
        .json(
            &json!({ "sku": "IC-1", "name": "Vanilla Pint", "category": "ice_cream",
            "msrp": usd("6.00"), "wholesale_price": usd("4.00"), "cost": usd("1.50"),
            "case_pack": 6, "min_order_qty": 6, "stock": 600, "reorder_point": 10 }),
        )
        .send()
        .await
        .expect(201)
        .id();
    let order = app
        .post("/api/v1/orders")
        .auth(&partner)
        .json(&json!({ "items": [{ "product_id": product, "quantity": 12 }] }))
        .send()
        .await
        .expect(201)
        .id();
    World {
        admin,
        rep,
        other_rep,
        partner,
        order,
    }
}

async fn book(app: &TestApp, w: &World, who: &TestUser, number: &str) -> common::Res {
    app.post(&format!("/api/v1/orders/{}/shipments", w.order))
        .auth(who)
        .json(&json!({ "carrier": "fedex", "service": "Overnight", "tracking_number": number, "packages": 2 }))
        .send()
        .await
}

async fn track(app: &TestApp, who: &TestUser, id: &str, body: Value) -> common::Res {
    app.post(&format!("/api/v1/shipments/{id}/events"))
        .auth(who)
        .json(&body)
        .send()
        .await
}

async fn a_shipment_is_tracked_to_its_delivery(app: TestApp) {
    let w = world(&app).await;
    // Not before the order is confirmed.
    book(&app, &w, &w.admin, "7712 3456 0001")
        .await
        .problem(409, "conflict");
    app.post(&format!("/api/v1/orders/{}/status", w.order))
        .auth(&w.admin)
        .json(&json!({ "status": "confirmed" }))
        .send()
        .await
        .expect(200);
    // The back office books it; the rep and the partner do not.
    book(&app, &w, &w.rep, "7712 3456 0001")
        .await
        .problem(403, "forbidden");
    book(&app, &w, &w.partner, "7712 3456 0001")
        .await
        .problem(403, "forbidden");
    let made = book(&app, &w, &w.admin, " 7712 3456 0001 ")
        .await
        .expect(201);
    let id = made.id();
    assert_eq!(
        made.header("location"),
        Some(format!("/api/v1/shipments/{id}").as_str())
    );
    let s = &made.body;
    assert_eq!(s["status"], "pending");
    assert_eq!(s["tracking_number"], "7712 3456 0001");
    assert_eq!(s["target_temperature"], "-10.0");
    assert_eq!(s["tolerance"], "5.0");
    assert_eq!(s["temperature_controlled"], true);
    assert_eq!(s["events"].as_array().unwrap().len(), 1);
    // One shipment per tracking number at a carrier.
    assert_eq!(
        book(&app, &w, &w.admin, "7712 3456 0001")
            .await
            .expect(409)
            .fields(),
        ["tracking_number"]
    );

    // Along the road: picked up, an exception, back in transit; never backwards.
    // (Scans without a time happen now, after the booking; one dated before it is refused.)
    let earlier = (Utc::now() - Duration::hours(1)).to_rfc3339();
    track(
        &app,
        &w.admin,
        &id,
        json!({ "status": "picked_up", "location": "Chicago, IL" }),
    )
    .await
    .expect(200);
    track(
        &app,
        &w.admin,
        &id,
        json!({ "status": "exception", "location": "Gary, IN", "description": "Weather delay" }),
    )
    .await
    .expect(200);
    track(
        &app,
        &w.admin,
        &id,
        json!({ "status": "picked_up", "location": "Gary, IN" }),
    )
    .await
    .problem(409, "conflict");
    assert_eq!(
        track(
            &app,
            &w.admin,
            &id,
            json!({ "status": "in_transit", "location": "Gary, IN", "at": earlier })
        )
        .await
        .expect(422)
        .fields(),
        ["at"]
    );
    let later = (Utc::now() + Duration::hours(1)).to_rfc3339();
    assert_eq!(
        track(
            &app,
            &w.admin,
            &id,
            json!({ "status": "in_transit", "location": "Gary, IN", "at": later })
        )
        .await
        .expect(422)
        .fields(),
        ["at"]
    );
    track(
        &app,
        &w.admin,
        &id,
        json!({ "status": "in_transit", "location": "Toledo, OH" }),
    )
    .await
    .expect(200);
    track(
        &app,
        &w.rep,
        &id,
        json!({ "status": "out_for_delivery", "location": "Detroit, MI" }),
    )
    .await
    .problem(403, "forbidden");
    // Delivering names who signed.
    assert_eq!(
        track(
            &app,
            &w.admin,
            &id,
            json!({ "status": "delivered", "location": "Detroit, MI" })
        )
        .await
        .expect(422)
        .fields(),
        ["signed_by"]
    );
    let done = track(&app, &w.admin, &id, json!({ "status": "delivered", "location": "Detroit, MI", "signed_by": "J. Ortiz", "version": 4 }))
        .await
        .expect(200);
    assert_eq!(done.body["status"], "delivered");
    assert_eq!(done.body["signed_by"], "J. Ortiz");
    assert_eq!(done.body["current_location"], "Detroit, MI");
    assert_eq!(done.body["version"], 5);
    let timeline: Vec<&str> = done.body["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        timeline,
        [
            "pending",
            "picked_up",
            "exception",
            "in_transit",
            "delivered"
        ]
    );
    track(
        &app,
        &w.admin,
        &id,
        json!({ "status": "exception", "location": "Detroit, MI" }),
    )
    .await
    .problem(409, "conflict");

    // The partner and its rep see it; another rep does not.
    let seen = app
        .get(&format!("/api/v1/shipments?order_id={}", w.order))
        .auth(&w.partner)
        .send()
        .await
        .expect(200);
    assert_eq!(seen.body["items"][0]["id"], id.as_str());
    assert_eq!(seen.body["items"][0]["events"].as_array().unwrap().len(), 5);
    app.get(&format!("/api/v1/shipments/{id}"))
        .auth(&w.rep)
        .send()
        .await
        .expect(200);
    app.get(&format!("/api/v1/shipments/{id}"))
        .auth(&w.other_rep)
        .send()
        .await
        .problem(404, "not_found");
    let none = app
        .get("/api/v1/shipments")
        .auth(&w.other_rep)
        .send()
        .await
        .expect(200);
    assert_eq!(none.body["items"], json!([]));
}

async fn the_temperature_log_flags_excursions(app: TestApp) {
    let w = world(&app).await;
    app.post(&format!("/api/v1/orders/{}/status", w.order))
        .auth(&w.admin)
        .json(&json!({ "status": "confirmed" }))
        .send()
        .await
        .expect(200);
    let id = book(&app, &w, &w.admin, "1Z999").await.expect(201).id();
    let at = |m: i64| (Utc::now() - Duration::minutes(60 - m)).to_rfc3339();
    let logged = app
        .post(&format!("/api/v1/shipments/{id}/temperatures"))
        .auth(&w.admin)
        .json(&json!({ "readings": [
            { "at": at(0), "temperature": "-11.2", "location": "Chicago, IL" },
            { "at": at(20), "temperature": "-5.0" },
            { "at": at(40), "temperature": "-4.9", "location": "Toledo, OH" },
            { "at": at(50), "temperature": "2.5" },
        ] }))
        .send()
        .await
        .expect(200);
    let flags: Vec<(String, bool)> = logged.body["readings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["temperature"].as_str().unwrap().to_owned(),
                r["excursion"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        flags,
        [
            ("-11.2", false),
            ("-5.0", false),
            ("-4.9", true),
            ("2.5", true)
        ]
        .map(|(t, e)| (t.to_owned(), e))
    );
    assert_eq!(logged.body["excursions"], 2);
    // Bad readings are refused, naming the field; nothing half-written.
    let bad = app
        .post(&format!("/api/v1/shipments/{id}/temperatures"))
        .auth(&w.admin)
        .json(&json!({ "readings": [{ "at": at(55), "temperature": "-9.0" }, { "at": at(56), "temperature": "-9.25" }] }))
        .send()
        .await
        .expect(422);
    assert_eq!(bad.fields(), ["readings[1].temperature"]);
    let future = (Utc::now() + Duration::hours(2)).to_rfc3339();
    let later = app
        .post(&format!("/api/v1/shipments/{id}/temperatures"))
        .auth(&w.admin)
        .json(&json!({ "readings": [{ "at": at(55), "temperature": "-9.0" }, { "at": future, "temperature": "-9.0" }] }))
        .send()
        .await
        .expect(422);
    assert_eq!(later.fields(), ["readings[1].at"]);
    let again = app
        .get(&format!("/api/v1/shipments/{id}"))
        .auth(&w.partner)
        .send()
        .await
        .expect(200);
    assert_eq!(again.body["readings"].as_array().unwrap().len(), 4);
    // A shipment that is not temperature-controlled keeps no log.
    let dry = app
        .post(&format!("/api/v1/orders/{}/shipments", w.order))
        .auth(&w.admin)
        .json(&json!({ "carrier": "ups", "tracking_number": "DRY-1", "temperature_controlled": false }))
        .send()
        .await
        .expect(201)
        .id();
    app.post(&format!("/api/v1/shipments/{dry}/temperatures"))
        .auth(&w.admin)
        .json(&json!({ "readings": [{ "at": at(0), "temperature": "40.0" }] }))
        .send()
        .await
        .problem(409, "conflict");
}

on_both_backends!(
    a_shipment_is_tracked_to_its_delivery,
    the_temperature_log_flags_excursions
);
