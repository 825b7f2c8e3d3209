//! Partner invoices: one per order, due after the account's terms; paid by finance, which pays
//! the order and writes the rep's partner-order line once; prepaid orders held until paid;
//! cancelled with their order; reminders 3 days before and once overdue with the late fee; the
//! PDF; who sees which; and the new-partner bonus of a rep whose won lead became an account.

use crate::common;

use chrono::{Duration, Utc};
use closebook_api::domain::commissions::sources::consume_events;
use closebook_api::domain::partner_invoices::{RemindersSent, remind};
use closebook_shared::Role;
use common::{TestApp, TestUser, partner_application, sql_time};
use serde_json::{Value, json};

struct World {
    admin: TestUser,
    finance: TestUser,
    rep: TestUser,
    other_rep: TestUser,
    partner: TestUser,
    account: String,
    product: String,
}

fn usd(amount: &str) -> Value {
    json!({ "amount": amount, "currency": "USD" })
}

/// An active growth account (35% off MSRP) on `terms`, looked after by `rep`, with its user, and
/// a product at 10.00 MSRP (6.50 to the account) packed in cases of 10.
async fn world(app: &TestApp, terms: &str) -> World {
    let admin = app.admin().await;
    let finance = app.user(Role::Finance, None, None).await;
    let rep = app.user(Role::SalesRep, None, None).await;
    let other_rep = app.user(Role::SalesRep, None, None).await;
    let (account, partner) = app
        .approved_partner(
            &admin,
            &rep,
            "Becker Fine Foods",
            json!({ "tier": "growth", "credit_limit": usd("5000.00"), "payment_terms": terms }),
            "pat@becker.example",
        )
        .await;
    let product = app
        .post("/api/v1/products")
        .auth(&admin)
        .json(
            &json!({ "sku": "SM-1", "name": "Green Smoothie", "category": "smoothie",
            "msrp": usd("10.00"), "wholesale_price": usd("6.00"), "cost": usd("2.00"),
            "case_pack": 10, "min_order_qty": 10, "stock": 10000, "reorder_point": 10 }),
        )
        .send()
        .await
        .expect(201)
        .id();
    World {
        admin,
        finance,
        rep,
        other_rep,
        partner,
        account,
        product,
    }
}

/// Places `units` of the product as the partner; the order.
async fn order(app: &TestApp, w: &World, units: u32) -> Value {
    app.post("/api/v1/orders")
        .auth(&w.partner)
        .json(&json!({ "items": [{ "product_id": w.product, "quantity": units }], "po_number": "PO-77" }))
        .send()
        .await
        .expect(201)
        .body
}

async fn invoice(app: &TestApp, who: &TestUser, id: &str) -> common::Res {
    app.get(&format!("/api/v1/partner-invoices/{id}"))
        .auth(who)
        .send()
        .await
}

async fn pay(app: &TestApp, who: &TestUser, id: &str, body: Value) -> common::Res {
    app.post(&format!("/api/v1/partner-invoices/{id}/pay"))
        .auth(who)
        .json(&body)
        .send()
        .await
}

async fn set_status(app: &TestApp, who: &TestUser, order: &str, status: &str) -> common::Res {
    app.post(&format!("/api/v1/orders/{order}/status"))
        .auth(who)
        .json(&json!({ "status": status, "note": "as agreed" }))
        .send()
        .await
}

/// The lines of `line_type` for `rep`, as (amount, status, source id).
async fn lines(
    app: &TestApp,
    w: &World,
    rep: &TestUser,
    line_type: &str,
) -> Vec<(Value, String, String)> {
    app.get(&format!(
        "/api/v1/commissions?rep={}&line_type={line_type}",
        rep.id
    ))
    .auth(&w.admin)
    .send()
    .await
    .expect(200)
    .body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["amount"].clone(),
                l["status"].as_str().unwrap().to_owned(),
                l["source_id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The kinds of `who`'s notifications, newest first.
async fn notified(app: &TestApp, who: &TestUser) -> Vec<String> {
    app.get("/api/v1/notifications")
        .auth(who)
        .send()
        .await
        .expect(200)
        .body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap().to_owned())
        .collect()
}

async fn an_invoice_follows_its_order_to_payment_and_commission(app: TestApp) {
    let w = world(&app, "net30").await;
    // 25 units round up to 30 (3 cases) at 6.50: 195.00.
    let placed = order(&app, &w, 25).await;
    let inv_id = placed["invoice_id"]
        .as_str()
        .expect("the order names its invoice")
        .to_owned();
    let number = placed["invoice_number"].as_str().unwrap().to_owned();
    assert!(number.starts_with("INV-"), "{number}");
    let inv = invoice(&app, &w.partner, &inv_id).await.expect(200);
    let b = &inv.body;
    assert_eq!(b["number"], number.as_str());
    assert_eq!(b["order_id"], placed["id"]);
    assert_eq!(b["order_number"], placed["number"]);
    assert_eq!(b["status"], "open");
    assert_eq!(b["payment_terms"], "net30");
    assert_eq!(b["subtotal"], usd("195.00"));
    assert_eq!(b["late_fee"], usd("0.00"));
    assert_eq!(b["amount_due"], usd("195.00"));
    let issued: chrono::DateTime<Utc> = serde_json::from_value(b["issued_at"].clone()).unwrap();
    let due: chrono::DateTime<Utc> = serde_json::from_value(b["due_at"].clone()).unwrap();
    assert_eq!(due - issued, Duration::days(30));
    assert_eq!(inv.header("etag"), Some("\"1\""));
    // The rep heard of the order.
    assert_eq!(notified(&app, &w.rep).await, ["order_placed"]);

    // Who sees it: the account, its rep, finance; not another rep (404, not 403).
    invoice(&app, &w.rep, &inv_id).await.expect(200);
    invoice(&app, &w.finance, &inv_id).await.expect(200);
    invoice(&app, &w.other_rep, &inv_id)
        .await
        .problem(404, "not_found");
    let theirs = app
        .get("/api/v1/partner-invoices")
        .auth(&w.other_rep)
        .send()
        .await
        .expect(200);
    assert_eq!(theirs.body["items"], json!([]));
    let listed = app
        .get(&format!(
            "/api/v1/partner-invoices?order_id={}&status=open",
            placed["id"].as_str().unwrap()
        ))
        .auth(&w.partner)
        .send()
        .await
        .expect(200);
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 1);

    // The PDF names the invoice and carries its lines.
    let pdf = app
        .get(&format!("/api/v1/partner-invoices/{inv_id}"))
        .auth(&w.partner)
        .header("accept", "application/pdf")
        .send()
        .await
        .expect(200);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert!(
        pdf.header("content-disposition")
            .unwrap()
            .contains(&format!("{number}.pdf"))
    );
    assert!(pdf.text.starts_with("%PDF"), "not a PDF");
    assert!(pdf.text.contains("Green Smoothie") && pdf.text.contains("195.00 USD"));

    // Only finance and the back office record a payment; not in the future, not before issue.
    pay(&app, &w.partner, &inv_id, json!({}))
        .await
        .problem(403, "forbidden");
    pay(&app, &w.rep, &inv_id, json!({}))
        .await
        .problem(403, "forbidden");
    let later = (Utc::now() + Duration::days(2)).to_rfc3339();
    assert_eq!(
        pay(&app, &w.finance, &inv_id, json!({ "paid_at": later }))
            .await
            .expect(422)
            .fields(),
        ["paid_at"]
    );
    let before = (issued - Duration::days(1)).to_rfc3339();
    assert_eq!(
        pay(&app, &w.finance, &inv_id, json!({ "paid_at": before }))
            .await
            .expect(422)
            .fields(),
        ["paid_at"]
    );
    pay(&app, &w.finance, &inv_id, json!({ "version": 7 }))
        .await
        .problem(412, "version_mismatch");
    let paid = pay(
        &app,
        &w.finance,
        &inv_id,
        json!({ "reference": "Cheque 1042", "version": 1 }),
    )
    .await
    .expect(200);
    assert_eq!(paid.body["status"], "paid");
    assert_eq!(paid.body["amount_due"], usd("0.00"));
    assert_eq!(paid.body["version"], 2);
    pay(&app, &w.admin, &inv_id, json!({}))
        .await
        .problem(409, "conflict");
    // The order is paid with it, and its amount leaves the account's open balance.
    let o = app
        .get(&format!(
            "/api/v1/orders/{}",
            placed["id"].as_str().unwrap()
        ))
        .auth(&w.partner)
        .send()
        .await
        .expect(200);
    assert_eq!(o.body["paid_at"], paid.body["paid_at"]);
    let account = app
        .get(&format!("/api/v1/partners/{}", w.account))
        .auth(&w.admin)
        .send()
        .await
        .expect(200);
    assert_eq!(account.body["stats"]["open_balance"], usd("0.00"));

    // The rep earns 5% of the paid subtotal once, and hears of it.
    let earned = lines(&app, &w, &w.rep, "partner_order").await;
    assert_eq!(
        earned,
        [(
            usd("9.75"),
            "earned".to_owned(),
            placed["id"].as_str().unwrap().to_owned()
        )]
    );
    assert_eq!(
        notified(&app, &w.rep).await,
        ["invoice_paid", "order_placed"]
    );
    assert!(
        lines(&app, &w, &w.other_rep, "partner_order")
            .await
            .is_empty()
    );
    // The audit trail names the payment.
    let audit = app
        .get("/api/v1/audit?action=partner_invoice.pay")
        .auth(&w.admin)
        .send()
        .await
        .expect(200);
    assert_eq!(audit.body["items"].as_array().unwrap().len(), 1);
}

async fn prepaid_orders_wait_for_payment_and_cancel_with_their_invoice(app: TestApp) {
    let w = world(&app, "prepaid").await;
    let placed = order(&app, &w, 10).await;
    let id = placed["id"].as_str().unwrap();
    let inv = placed["invoice_id"].as_str().unwrap();
    let shown = invoice(&app, &w.partner, inv).await.expect(200);
    // Due at once, but never overdue: the order waits.
    assert_eq!(shown.body["due_at"], shown.body["issued_at"]);
    assert_eq!(shown.body["status"], "open");
    let held = set_status(&app, &w.admin, id, "confirmed")
        .await
        .problem(409, "conflict");
    assert!(
        held.body["detail"].as_str().unwrap().contains("prepaid"),
        "{}",
        held.body
    );
    pay(&app, &w.finance, inv, json!({})).await.expect(200);
    set_status(&app, &w.admin, id, "confirmed")
        .await
        .expect(200);
    // A paid order is not cancelled (the partner is refunded instead).
    set_status(&app, &w.admin, id, "cancelled")
        .await
        .problem(409, "conflict");

    // An unpaid order cancelled takes its invoice with it; it can no longer be paid.
    let other = order(&app, &w, 10).await;
    set_status(&app, &w.partner, other["id"].as_str().unwrap(), "cancelled")
        .await
        .expect(200);
    let gone = other["invoice_id"].as_str().unwrap();
    let cancelled = invoice(&app, &w.partner, gone).await.expect(200);
    assert_eq!(cancelled.body["status"], "cancelled");
    assert_eq!(cancelled.body["amount_due"], usd("0.00"));
    pay(&app, &w.finance, gone, json!({}))
        .await
        .problem(409, "conflict");
    let by_status = |s: &'static str| {
        let (app, w) = (&app, &w);
        async move {
            app.get(&format!("/api/v1/partner-invoices?status={s}"))
                .auth(&w.partner)
                .send()
                .await
                .expect(200)
                .body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["id"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(by_status("paid").await, [inv]);
    assert_eq!(by_status("cancelled").await, [gone]);
    assert!(by_status("open").await.is_empty());
    // The partner heard its order was confirmed and the other cancelled.
    assert_eq!(
        notified(&app, &w.partner).await,
        ["order_status", "order_status"]
    );
}

async fn reminders_come_three_days_before_and_once_overdue_with_a_late_fee(app: TestApp) {
    let w = world(&app, "net60").await;
    // 1,000 units at 6.50: 6,500.00 is over the credit; 700 units: 4,550.00.
    let placed = order(&app, &w, 700).await;
    let inv = placed["invoice_id"].as_str().unwrap().to_owned();
    let run = || async {
        app.db()
            .write(|c| remind(c, closebook_api::time::now()))
            .await
            .unwrap()
    };
    assert_eq!(run().await, RemindersSent::default());
    let due_in = |days: i64| {
        let at = sql_time(closebook_api::time::now() + Duration::days(days));
        format!("UPDATE partner_invoices SET due_at = '{at}' WHERE id = '{inv}'")
    };
    app.sql(due_in(2)).await;
    assert_eq!(
        run().await,
        RemindersSent {
            due_soon: 1,
            overdue: 0
        }
    );
    assert_eq!(run().await, RemindersSent::default(), "each reminder once");
    assert_eq!(notified(&app, &w.partner).await, ["invoice_due"]);

    app.sql(due_in(-1)).await;
    assert_eq!(
        run().await,
        RemindersSent {
            due_soon: 0,
            overdue: 1
        }
    );
    assert_eq!(run().await, RemindersSent::default(), "each reminder once");
    assert_eq!(
        notified(&app, &w.partner).await,
        ["invoice_overdue", "invoice_due"]
    );
    let overdue = invoice(&app, &w.partner, &inv).await.expect(200);
    assert_eq!(overdue.body["status"], "overdue");
    // 1.5% of 4,550.00.
    assert_eq!(overdue.body["late_fee"], usd("68.25"));
    assert_eq!(overdue.body["total"], usd("4618.25"));
    assert_eq!(overdue.body["amount_due"], usd("4618.25"));
    assert_eq!(overdue.body["version"], 2);
    let listed = app
        .get("/api/v1/partner-invoices?status=overdue")
        .auth(&w.finance)
        .send()
        .await
        .expect(200);
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 1);

    // Paid late: the commission is on the subtotal, not the fee (5% of 4,550.00).
    pay(&app, &w.finance, &inv, json!({})).await.expect(200);
    assert_eq!(
        lines(&app, &w, &w.rep, "partner_order").await[0].0,
        usd("227.50")
    );
    // A paid invoice owes nothing more.
    app.sql(format!(
        "UPDATE partner_invoices SET overdue_sent_at = NULL WHERE id = '{inv}'"
    ))
    .await;
    assert_eq!(run().await, RemindersSent::default());
}

async fn a_won_lead_that_becomes_a_partner_pays_its_rep_a_bonus(app: TestApp) {
    let admin = app.admin().await;
    let rep = app.user(Role::SalesRep, None, None).await;
    let lead = app
        .post("/api/v1/leads")
        .auth(&rep)
        .json(&json!({ "company": "Becker Fine Foods" }))
        .send()
        .await
        .expect(201)
        .id();
    app.post(&format!("/api/v1/leads/{lead}/outcome"))
        .auth(&rep)
        .json(&json!({ "outcome": "won" }))
        .send()
        .await
        .expect(200);
    let mut from_lead = partner_application("Becker Fine Foods");
    from_lead["lead_id"] = json!(lead);
    let converted = app
        .post("/api/v1/partners")
        .auth(&rep)
        .json(&from_lead)
        .send()
        .await
        .expect(201)
        .id();
    // An account not from a lead earns no bonus.
    let walk_in = app
        .post("/api/v1/partners")
        .auth(&rep)
        .json(&partner_application("Walk-in Deli"))
        .send()
        .await
        .expect(201)
        .id();
    let consume = || async { app.db().write(consume_events).await.unwrap() };
    consume().await;
    let w = World {
        admin: admin.clone(),
        finance: admin.clone(),
        rep: rep.clone(),
        other_rep: rep.clone(),
        partner: admin.clone(),
        account: converted.clone(),
        product: String::new(),
    };
    // Pending accounts earn nothing yet.
    assert!(lines(&app, &w, &rep, "new_partner").await.is_empty());
    for account in [&converted, &walk_in] {
        app.post(&format!("/api/v1/partners/{account}/approve"))
            .auth(&admin)
            .json(&json!({ "tier": "starter", "credit_limit": usd("1000.00"), "payment_terms": "net30" }))
            .send()
            .await
            .expect(200);
    }
    consume().await;
    consume().await;
    let bonus = lines(&app, &w, &rep, "new_partner").await;
    assert_eq!(
        bonus,
        [(usd("500.00"), "earned".to_owned(), converted.clone())]
    );
    // Its explanation says what it is.
    let line = app
        .get(&format!(
            "/api/v1/commissions?rep={}&line_type=new_partner",
            rep.id
        ))
        .auth(&rep)
        .send()
        .await
        .expect(200);
    assert_eq!(line.body["items"][0]["source_type"], "partner");
    assert!(
        line.body["items"][0]["explanation"]["summary"]
            .as_str()
            .unwrap()
            .contains("active partner")
    );
}

on_both_backends!(
    an_invoice_follows_its_order_to_payment_and_commission,
    prepaid_orders_wait_for_payment_and_cancel_with_their_invoice,
    reminders_come_three_days_before_and_once_overdue_with_a_late_fee,
    a_won_lead_that_becomes_a_partner_pays_its_rep_a_bonus
);
