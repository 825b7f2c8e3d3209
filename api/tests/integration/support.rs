//! Support: a partner's user opens tickets for its own account (about one of its orders, or
//! not), staff open them on an account's behalf, whoever looks after the account resolves them
//! (once; the account's users cannot), and every party sees only its accounts' tickets; an
//! account's contacts are its rep and account manager.

use crate::common;

use closebook_shared::Role;
use common::{TestApp, TestUser, usd};
use serde_json::{Value, json};

async fn open(app: &TestApp, who: &TestUser, body: Value) -> common::Res {
    app.post("/api/v1/support-tickets")
        .auth(who)
        .json(&body)
        .send()
        .await
}

async fn numbers(app: &TestApp, who: &TestUser, query: &str) -> Vec<String> {
    app.get(&format!("/api/v1/support-tickets{query}"))
        .auth(who)
        .send()
        .await
        .expect(200)
        .body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["number"].as_str().unwrap().to_owned())
        .collect()
}

async fn tickets_are_opened_resolved_and_scoped(app: TestApp) {
    let admin = app.admin().await;
    let rep = app.user(Role::SalesRep, None, None).await;
    let other_rep = app.user(Role::SalesRep, None, None).await;
    let terms =
        json!({ "tier": "growth", "credit_limit": usd("5000.00"), "payment_terms": "net30" });
    let (account, buyer) = app
        .approved_partner(
            &admin,
            &rep,
            "Helpful Foods",
            terms.clone(),
            "buyer@helpful.example",
        )
        .await;
    let (other, stranger) = app
        .approved_partner(
            &admin,
            &other_rep,
            "Other Foods",
            terms,
            "buyer@other2.example",
        )
        .await;

    // The partner's user opens one for its own account, numbered, open, audited.
    let first = open(
        &app,
        &buyer,
        json!({ "category": "delivery", "subject": "  Late truck ",
        "body": "Our delivery did not come on Tuesday." }),
    )
    .await
    .expect(201);
    assert!(first.body["number"].as_str().unwrap().starts_with("SUP-"));
    assert_eq!(first.body["partner_id"], json!(account));
    assert_eq!(first.body["partner_name"], "Helpful Foods");
    assert_eq!(first.body["status"], "open");
    assert_eq!(first.body["subject"], "Late truck");
    assert_eq!(first.body["opened_by"], json!(buyer.id));
    let path = first.header("location").unwrap().to_owned();
    assert_eq!(path, format!("/api/v1/support-tickets/{}", first.id()));
    // It names no other account (as if it did not exist), nor another account's order.
    open(
        &app,
        &buyer,
        json!({ "partner_id": other, "category": "other", "subject": "x", "body": "y" }),
    )
    .await
    .problem(404, "not_found");
    open(
        &app,
        &buyer,
        json!({ "category": "order", "subject": "x", "body": "y",
        "order_id": "0190c0de-0000-7000-8000-000000000001" }),
    )
    .await
    .problem(404, "not_found");
    // Blank text is refused, naming the field.
    let blank = open(
        &app,
        &buyer,
        json!({ "category": "other", "subject": "  ", "body": "y" }),
    )
    .await
    .problem(422, "validation_failed");
    assert_eq!(blank.fields(), vec!["subject"]);
    // Staff name the account; the rep for its own, not for another rep's.
    let missing = open(
        &app,
        &rep,
        json!({ "category": "account", "subject": "Terms", "body": "Longer?" }),
    )
    .await
    .problem(422, "validation_failed");
    assert_eq!(missing.fields(), vec!["partner_id"]);
    let second = open(
        &app,
        &rep,
        json!({ "partner_id": account, "category": "account",
        "subject": "Terms", "body": "They ask for NET 60." }),
    )
    .await
    .expect(201);
    open(
        &app,
        &other_rep,
        json!({ "partner_id": account, "category": "account", "subject": "x", "body": "y" }),
    )
    .await
    .problem(404, "not_found");
    let third = open(
        &app,
        &stranger,
        json!({ "category": "product", "subject": "Allergens", "body": "Nuts?" }),
    )
    .await
    .expect(201);

    // Who sees which: newest first.
    let (n1, n2, n3) = (
        first.body["number"].as_str().unwrap().to_owned(),
        second.body["number"].as_str().unwrap().to_owned(),
        third.body["number"].as_str().unwrap().to_owned(),
    );
    assert_eq!(
        numbers(&app, &buyer, "").await,
        vec![n2.clone(), n1.clone()]
    );
    assert_eq!(numbers(&app, &rep, "").await, vec![n2.clone(), n1.clone()]);
    assert_eq!(numbers(&app, &stranger, "").await, vec![n3.clone()]);
    assert_eq!(
        numbers(&app, &admin, "").await,
        vec![n3.clone(), n2.clone(), n1.clone()]
    );
    assert_eq!(
        numbers(&app, &admin, &format!("?partner_id={other}")).await,
        vec![n3.clone()]
    );
    app.get(&path)
        .auth(&stranger)
        .send()
        .await
        .problem(404, "not_found");

    // The account's user cannot resolve it; its rep does, once, and says how.
    let resolve = |who: &TestUser, body: Value| {
        app.post(&format!("{path}/resolve"))
            .auth(who)
            .json(&body)
            .send()
    };
    resolve(&buyer, json!({ "resolution": "Done" }))
        .await
        .problem(403, "forbidden");
    resolve(&rep, json!({ "resolution": "Done", "version": 7 }))
        .await
        .problem(412, "version_mismatch");
    let resolved = resolve(
        &rep,
        json!({ "resolution": " Rebooked for Thursday, with a credit. " }),
    )
    .await
    .expect(200);
    assert_eq!(resolved.body["status"], "resolved");
    assert_eq!(
        resolved.body["resolution"],
        "Rebooked for Thursday, with a credit."
    );
    assert!(
        !resolved.body["resolved_by_name"]
            .as_str()
            .unwrap()
            .is_empty()
    );
    assert!(resolved.body["resolved_at"].is_string());
    resolve(&admin, json!({ "resolution": "Again" }))
        .await
        .problem(409, "conflict");
    assert_eq!(numbers(&app, &buyer, "?status=open").await, vec![n2]);
    assert_eq!(numbers(&app, &buyer, "?status=resolved").await, vec![n1]);

    // Audited.
    let actions = app
        .audit_actions(&admin, "support_ticket", &first.id())
        .await;
    for action in ["support_ticket.open", "support_ticket.resolve"] {
        assert!(actions.iter().any(|a| a == action), "{actions:?}");
    }

    // Contacts: the rep, with how to reach it; another account's user sees none of them.
    let contacts = app
        .get(&format!("/api/v1/partners/{account}/contacts"))
        .auth(&buyer)
        .send()
        .await
        .expect(200);
    assert_eq!(contacts.body[0]["role"], "Sales rep");
    assert_eq!(contacts.body[0]["email"], json!(rep.email));
    app.get(&format!("/api/v1/partners/{account}/contacts"))
        .auth(&stranger)
        .send()
        .await
        .problem(404, "not_found");
}

on_both_backends!(tickets_are_opened_resolved_and_scoped);
