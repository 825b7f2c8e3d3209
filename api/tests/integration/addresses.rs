//! Saved shipping addresses: the account's first is its default, labels are unique within it,
//! an order goes to the address it names, else the default, else the business address;
//! deleting the default hands it on; finance reads but does not change them; nobody reaches
//! another account's.

use crate::common;

use closebook_shared::Role;
use common::{TestApp, TestUser, usd};
use serde_json::{Value, json};

fn ship_to(recipient: &str, line1: &str, dock: &str) -> Value {
    json!({ "recipient_name": recipient,
            "address": { "line1": line1, "city": "Chicago", "region": "IL",
                         "postal_code": "60607", "country": "US" },
            "dock_instructions": dock, "dock_hours": "Mon–Fri 6am–2pm",
            "requires_appointment": true })
}

async fn save(app: &TestApp, who: &TestUser, account: &str, body: Value) -> common::Res {
    app.post(&format!("/api/v1/partners/{account}/addresses"))
        .auth(who)
        .json(&body)
        .send()
        .await
}

async fn labels(app: &TestApp, who: &TestUser, account: &str) -> Vec<(String, bool)> {
    app.get(&format!("/api/v1/partners/{account}/addresses"))
        .auth(who)
        .send()
        .await
        .expect(200)
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["label"].as_str().unwrap().to_owned(),
                a["is_default"].as_bool().unwrap(),
            )
        })
        .collect()
}

async fn addresses_are_saved_and_orders_go_to_them(app: TestApp) {
    let admin = app.admin().await;
    let rep = app.user(Role::SalesRep, None, None).await;
    let finance = app.user(Role::Finance, None, None).await;
    let other_rep = app.user(Role::SalesRep, None, None).await;
    let terms =
        json!({ "tier": "growth", "credit_limit": usd("5000.00"), "payment_terms": "net30" });
    let (account, buyer) = app
        .approved_partner(
            &admin,
            &rep,
            "Addressed Foods",
            terms.clone(),
            "buyer@addressed.example",
        )
        .await;
    let (_, stranger) = app
        .approved_partner(
            &admin,
            &other_rep,
            "Elsewhere Foods",
            terms,
            "buyer@elsewhere.example",
        )
        .await;
    let product = app
        .post("/api/v1/products")
        .auth(&admin)
        .json(
            &json!({ "sku": "AD-1", "name": "Addressed bar", "category": "protein_bar",
            "msrp": usd("2.00"), "wholesale_price": usd("1.50"), "cost": usd("0.50"),
            "case_pack": 1, "min_order_qty": 1, "stock": 100 }),
        )
        .send()
        .await
        .expect(201)
        .id();
    let place = |body: Value| {
        let mut body = body;
        body["items"] = json!([{ "product_id": product, "quantity": 1 }]);
        app.post("/api/v1/orders").auth(&buyer).json(&body).send()
    };

    // No saved address: the business address, to its contact.
    let plain = place(json!({})).await.expect(201);
    assert_eq!(plain.body["ship_to"]["address"]["line1"], "100 W Lake St");

    // The first saved is the default, trimmed; the next is not, unless asked.
    let dock = save(
        &app,
        &buyer,
        &account,
        json!({ "label": " Warehouse ",
        "ship_to": ship_to("Receiving", "1200 W Fulton Market", "Bay 3, ring twice") }),
    )
    .await
    .expect(201);
    assert_eq!(dock.body["label"], "Warehouse");
    assert_eq!(dock.body["is_default"], true);
    assert_eq!(
        dock.header("location"),
        Some(format!("/api/v1/shipping-addresses/{}", dock.id()).as_str())
    );
    let store = save(
        &app,
        &rep,
        &account,
        json!({ "label": "Main store",
        "ship_to": ship_to("Front desk", "77 W Madison St", "Street level") }),
    )
    .await
    .expect(201);
    assert_eq!(store.body["is_default"], false);
    // A label is unique within the account, whatever its case.
    let taken = save(
        &app,
        &buyer,
        &account,
        json!({ "label": "WAREHOUSE",
        "ship_to": ship_to("x", "1 Main St", "y") }),
    )
    .await
    .problem(409, "conflict");
    assert_eq!(taken.fields(), vec!["label"]);
    assert_eq!(
        labels(&app, &buyer, &account).await,
        vec![("Warehouse".into(), true), ("Main store".into(), false)]
    );

    // An order goes to the default, or to the address it names, or to what it gives — not to
    // both, nor to another account's.
    let to_default = place(json!({})).await.expect(201);
    assert_eq!(
        to_default.body["ship_to"]["address"]["line1"],
        "1200 W Fulton Market"
    );
    assert_eq!(
        to_default.body["ship_to"]["dock_instructions"],
        "Bay 3, ring twice"
    );
    assert_eq!(to_default.body["ship_to"]["requires_appointment"], true);
    let to_store = place(json!({ "shipping_address_id": store.id() }))
        .await
        .expect(201);
    assert_eq!(to_store.body["ship_to"]["recipient_name"], "Front desk");
    let both = place(json!({ "shipping_address_id": store.id(),
        "ship_to": ship_to("x", "1 Main St", "y") }))
    .await
    .problem(422, "validation_failed");
    assert_eq!(both.fields(), vec!["shipping_address_id"]);
    let theirs = save(
        &app,
        &stranger,
        &{
            let page = app
                .get("/api/v1/partners")
                .auth(&stranger)
                .send()
                .await
                .expect(200);
            page.body["items"][0]["id"].as_str().unwrap().to_owned()
        },
        json!({ "label": "Theirs", "ship_to": ship_to("x", "2 Main St", "y") }),
    )
    .await
    .expect(201);
    place(json!({ "shipping_address_id": theirs.id() }))
        .await
        .problem(404, "not_found");

    // The default moves; deleting it hands it on; orders keep where they went.
    app.post(&format!(
        "/api/v1/shipping-addresses/{}/default",
        store.id()
    ))
    .auth(&buyer)
    .send()
    .await
    .expect(200);
    assert_eq!(
        labels(&app, &buyer, &account).await,
        vec![("Main store".into(), true), ("Warehouse".into(), false)]
    );
    app.delete(&format!("/api/v1/shipping-addresses/{}", store.id()))
        .auth(&buyer)
        .send()
        .await
        .expect(204);
    assert_eq!(
        labels(&app, &buyer, &account).await,
        vec![("Warehouse".into(), true)]
    );
    let kept = app
        .get(&format!("/api/v1/orders/{}", to_store.id()))
        .auth(&buyer)
        .send()
        .await
        .expect(200);
    assert_eq!(kept.body["ship_to"]["recipient_name"], "Front desk");

    // Finance reads them, changes none; another account's people reach none.
    assert_eq!(labels(&app, &finance, &account).await.len(), 1);
    save(
        &app,
        &finance,
        &account,
        json!({ "label": "F", "ship_to": ship_to("x", "3 Main St", "y") }),
    )
    .await
    .problem(403, "forbidden");
    app.get(&format!("/api/v1/partners/{account}/addresses"))
        .auth(&stranger)
        .send()
        .await
        .problem(404, "not_found");
    app.get(&format!("/api/v1/shipping-addresses/{}", dock.id()))
        .auth(&other_rep)
        .send()
        .await
        .problem(404, "not_found");
}

on_both_backends!(addresses_are_saved_and_orders_go_to_them);
