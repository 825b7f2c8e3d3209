use closebook_shared::Role;
use serde_json::{Value, json};

use super::support::{consume, line_of, promote_at, residual_of, won_deal};
use crate::common::TestApp;

/// Won deals become pending new-business lines once, lock the residual tier of their close,
/// and show to whoever may see the rep's lines.
pub async fn won_deals_write_lines_once(app: TestApp) {
    let manager = app.user(Role::SalesManager, None, None).await;
    let team = app.team("Ledger", Some(manager.id)).await;
    let rep = app.user(Role::SalesRep, Some(team), None).await;
    let other = app.user(Role::SalesRep, None, None).await;
    let finance = app.user(Role::Finance, None, None).await;

    let first = won_deal(&app, &rep, "First Co", "12345.67").await;
    let second = won_deal(&app, &rep, "Second Co", "8000.00").await;
    assert_eq!(consume(&app).await, 2);
    // Delivered again (the position only passes settled events): nothing new.
    assert_eq!(consume(&app).await, 0);

    let mine = app
        .get("/api/v1/commissions?rep=me&line_type=new_business")
        .auth(&rep)
        .send()
        .await
        .expect(200);
    let items = mine.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    // Newest first: 5% of 8,000 and of 12,345.67 (617.2835 → 617.28).
    assert_eq!(
        items[0]["amount"],
        json!({ "amount": "400.00", "currency": "USD" })
    );
    assert_eq!(
        items[1]["amount"],
        json!({ "amount": "617.28", "currency": "USD" })
    );
    assert_eq!(items[1]["status"], "pending");
    assert_eq!(items[1]["source_type"], "lead");
    assert_eq!(items[1]["source_id"], first["id"]);
    assert_eq!(items[1]["rate"], "0.05");
    assert_eq!(items[1]["explanation"]["unrounded"], "617.2835");
    assert!(items[1]["earns_at"].as_str().unwrap() > items[1]["source_at"].as_str().unwrap());

    // The first close of the month locks 200.00 on its client, the second 250.00.
    let c1 = first["client_id"].as_str().unwrap();
    let c2 = second["client_id"].as_str().unwrap();
    assert_eq!(residual_of(&app, c1).await, Some(20_000));
    assert_eq!(residual_of(&app, c2).await, Some(25_000));

    // The line with its history.
    let id = items[1]["id"].as_str().unwrap();
    let detail = app
        .get(&format!("/api/v1/commissions/{id}"))
        .auth(&rep)
        .send()
        .await
        .expect(200);
    assert_eq!(detail.body["line"]["id"], id);
    assert_eq!(detail.body["history"][0]["status"], "pending");
    assert_eq!(detail.body["history"][0]["reason"], "deal won");

    // Scope: the manager and finance see them, another rep does not (not even by id).
    for (who, count) in [(&manager, 2), (&finance, 2), (&other, 0)] {
        let seen = app
            .get("/api/v1/commissions")
            .auth(who)
            .send()
            .await
            .expect(200);
        assert_eq!(
            seen.body["items"].as_array().unwrap().len(),
            count,
            "{:?}",
            who.role
        );
    }
    app.get(&format!("/api/v1/commissions/{id}"))
        .auth(&other)
        .send()
        .await
        .problem(404, "not_found");
    // Filters: another period has none; a bad rep or period is a 400 naming it.
    let none = app
        .get("/api/v1/commissions?period=2001-01")
        .auth(&finance)
        .send()
        .await
        .expect(200);
    assert!(none.body["items"].as_array().unwrap().is_empty());
    for (query, param) in [("rep=someone", "rep"), ("period=2026-13", "period")] {
        let bad = app
            .get(&format!("/api/v1/commissions?{query}"))
            .auth(&finance)
            .send()
            .await;
        assert_eq!(bad.status.as_u16(), 400, "{query}: {}", bad.text);
        assert!(bad.text.contains(param), "{query}: {}", bad.text);
    }
}

/// The ledger is append-only in the database itself.
pub async fn the_ledger_refuses_updates_and_deletes(app: TestApp) {
    use diesel::connection::SimpleConnection;
    let rep = app.user(Role::SalesRep, None, None).await;
    won_deal(&app, &rep, "Append Only", "100.00").await;
    consume(&app).await;
    for sql in [
        "UPDATE commission_lines SET amount_minor = 0",
        "DELETE FROM commission_lines",
        "UPDATE commission_status_history SET status = 'paid'",
        "DELETE FROM commission_status_history",
    ] {
        let owned = sql.to_owned();
        let refused = app
            .state
            .db
            .write(move |c| c.batch_execute(&owned).map_err(Into::into))
            .await;
        assert!(refused.is_err(), "{sql} must be refused");
    }
}

/// Pending → earned after 30 days with the client active (voided when it cancelled on day 29),
/// then approved by finance, alone or in a batch.
pub async fn lines_are_earned_then_approved(app: TestApp) {
    use closebook_api::db::schema::clients;
    use diesel::prelude::*;
    let rep = app.user(Role::SalesRep, None, None).await;
    let finance = app.user(Role::Finance, None, None).await;
    let kept = won_deal(&app, &rep, "Kept Co", "1000.00").await;
    let cancelled = won_deal(&app, &rep, "Gone Co", "2000.00").await;
    let third = won_deal(&app, &rep, "Third Co", "3000.00").await;
    consume(&app).await;
    // The second client cancels on day 29.
    let client = cancelled["client_id"].as_str().unwrap().to_owned();
    app.state
        .db
        .write(move |c| {
            let day29 = closebook_api::time::now() + chrono::Duration::days(29);
            diesel::update(clients::table.find(client))
                .set(clients::cancelled_at.eq(Some(day29)))
                .execute(c)?;
            Ok(())
        })
        .await
        .unwrap();

    promote_at(&app, 28).await;
    let id = |v: &Value| v["id"].as_str().unwrap().to_owned();
    assert_eq!(
        line_of(&app, &finance, kept["id"].as_str().unwrap()).await["status"],
        "pending"
    );
    // A pending line is not approved.
    let line = line_of(&app, &finance, kept["id"].as_str().unwrap()).await;
    app.post(&format!("/api/v1/commissions/{}/approve", id(&line)))
        .auth(&finance)
        .send()
        .await
        .problem(409, "conflict");

    promote_at(&app, 31).await;
    // Running it again changes nothing.
    promote_at(&app, 31).await;
    let kept_line = line_of(&app, &finance, kept["id"].as_str().unwrap()).await;
    let gone_line = line_of(&app, &finance, cancelled["id"].as_str().unwrap()).await;
    let third_line = line_of(&app, &finance, third["id"].as_str().unwrap()).await;
    assert_eq!(kept_line["status"], "earned");
    assert_eq!(gone_line["status"], "voided");
    assert_eq!(third_line["status"], "earned");

    let approved = app
        .post(&format!("/api/v1/commissions/{}/approve", id(&kept_line)))
        .auth(&finance)
        .send()
        .await
        .expect(200);
    assert_eq!(approved.body["line"]["status"], "approved");
    let statuses: Vec<&str> = approved.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["pending", "earned", "approved"]);
    assert_eq!(
        approved.body["history"][2]["actor_id"],
        finance.id.to_string()
    );
    // Approving twice is refused.
    app.post(&format!("/api/v1/commissions/{}/approve", id(&kept_line)))
        .auth(&finance)
        .send()
        .await
        .problem(409, "conflict");

    // A batch approves what is earned and lists the rest with the reason.
    let nowhere = "01a21d30-0000-7000-8000-000000000000";
    let batch = app
        .post("/api/v1/commissions/batch-approve")
        .auth(&finance)
        .json(&json!({ "ids": [id(&third_line), id(&gone_line), nowhere, id(&third_line)] }))
        .send()
        .await
        .expect(200);
    assert_eq!(batch.body["approved"], json!([id(&third_line)]));
    let skipped: Vec<&str> = batch.body["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(skipped, [id(&gone_line).as_str(), nowhere]);
    assert!(
        batch.body["skipped"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("voided")
    );
    app.post("/api/v1/commissions/batch-approve")
        .auth(&finance)
        .json(&json!({ "ids": [] }))
        .send()
        .await
        .problem(422, "validation_failed");
}

/// Each paid invoice of a client earns its owner one residual line at the locked amount.
pub async fn paid_invoices_earn_the_locked_residual(app: TestApp) {
    let rep = app.user(Role::SalesRep, None, None).await;
    let finance = app.user(Role::Finance, None, None).await;
    won_deal(&app, &rep, "Closed First", "1000.00").await;
    let second = won_deal(&app, &rep, "Closed Second", "1000.00").await;
    consume(&app).await;
    let client = second["client_id"].as_str().unwrap();
    // The second close of the month locked 250.00.
    assert_eq!(residual_of(&app, client).await, Some(25_000));

    let invoice = app
        .post("/api/v1/invoices")
        .auth(&finance)
        .json(&json!({ "client_id": client, "amount": { "amount": "899.00", "currency": "USD" }, "service_month": "2026-03" }))
        .send()
        .await
        .expect(201);
    assert_eq!(
        invoice.body["number"].as_str().unwrap().len(),
        "INV-000001".len()
    );
    assert_eq!(invoice.body["paid_at"], Value::Null);
    let id = invoice.id();
    let paid = app
        .post(&format!("/api/v1/invoices/{id}/pay"))
        .auth(&finance)
        .json(&json!({}))
        .send()
        .await
        .expect(200);
    assert!(paid.body["paid_at"].is_string());
    app.post(&format!("/api/v1/invoices/{id}/pay"))
        .auth(&finance)
        .json(&json!({}))
        .send()
        .await
        .problem(409, "conflict");
    // Entered as paid: a second month's residual, and the next number.
    let second_invoice = app
        .post("/api/v1/invoices")
        .auth(&finance)
        .json(&json!({ "client_id": client, "amount": { "amount": "899.00", "currency": "USD" }, "service_month": "2026-04", "paid_at": "2026-04-03T10:00:00Z" }))
        .send()
        .await
        .expect(201);
    assert_eq!(second_invoice.body["number"], "INV-000002");
    let residuals = app
        .get("/api/v1/commissions?rep=me&line_type=residual")
        .auth(&rep)
        .send()
        .await
        .expect(200);
    let items = residuals.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    for line in items {
        assert_eq!(
            line["amount"],
            json!({ "amount": "250.00", "currency": "USD" })
        );
        assert_eq!(line["status"], "earned");
        assert_eq!(line["source_type"], "invoice");
    }
    // The one entered as paid on 3 April belongs to April.
    assert!(items.iter().any(|l| l["period"] == "2026-04"));
    // Bad input: an unknown client, a future payment.
    let unknown = app
        .post("/api/v1/invoices")
        .auth(&finance)
        .json(&json!({ "client_id": "01a21d30-0000-7000-8000-000000000000", "amount": { "amount": "1.00", "currency": "USD" }, "service_month": "2026-03" }))
        .send()
        .await
        .problem(409, "invalid_reference");
    assert_eq!(unknown.fields(), ["client_id"]);
    let future = app
        .post("/api/v1/invoices")
        .auth(&finance)
        .json(&json!({ "client_id": client, "amount": { "amount": "1.00", "currency": "USD" }, "service_month": "2026-03", "paid_at": "2099-01-01T00:00:00Z" }))
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(future.fields(), ["paid_at"]);
}
