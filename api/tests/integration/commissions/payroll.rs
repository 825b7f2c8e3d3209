use closebook_shared::Role;
use serde_json::{Value, json};

use super::support::{consume, line_of, promote_at, won_deal};
use crate::common::TestApp;

fn usd(amount: &str) -> Value {
    json!({ "amount": amount, "currency": "USD" })
}

/// From an earned line to payroll: the rep disputes it, finance adjusts it, approves both
/// lines, runs the payout and downloads the report; a refund after payment marks the original
/// clawed back.
pub async fn disputes_approvals_payouts_and_the_report(app: TestApp) {
    let admin = app.admin().await;
    let manager = app.user(Role::SalesManager, None, None).await;
    let team = app.team("Payroll", Some(manager.id)).await;
    let rep = app.user(Role::SalesRep, Some(team), None).await;
    let other = app.user(Role::SalesRep, None, None).await;
    let finance = app.user(Role::Finance, None, None).await;
    // A name a spreadsheet would run as a formula.
    app.patch(&format!("/api/v1/users/{}", rep.id))
        .auth(&admin)
        .json(&json!({ "name": "=HYPERLINK(\"x\")", "employee_id": "E-042" }))
        .send()
        .await
        .expect(200);
    let deal = won_deal(&app, &rep, "Payroll Co", "1000.00").await;
    consume(&app).await;
    promote_at(&app, 31).await;
    let line = line_of(&app, &finance, deal["id"].as_str().unwrap()).await;
    let id = line["id"].as_str().unwrap().to_owned();
    assert_eq!(line["status"], "earned");

    // Only the line's own rep disputes it, with a reason.
    let dispute = |who| {
        let (app, id) = (&app, id.clone());
        async move {
            app.post(&format!("/api/v1/commissions/{id}/dispute"))
                .auth(who)
                .json(&json!({ "reason": "The deal was 1,200, not 1,000" }))
                .send()
                .await
        }
    };
    dispute(&manager).await.problem(403, "forbidden");
    dispute(&other).await.problem(404, "not_found");
    let blank = app
        .post(&format!("/api/v1/commissions/{id}/dispute"))
        .auth(&rep)
        .json(&json!({ "reason": "  " }))
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(blank.fields(), ["reason"]);
    let disputed = dispute(&rep).await.expect(200);
    assert_eq!(disputed.body["line"]["status"], "disputed");
    // The approval queue flags it; a line nobody disputes carries no flag.
    assert_eq!(disputed.body["line"]["flags"], json!(["disputed"]));
    let queue = app
        .get("/api/v1/commissions?status=disputed")
        .auth(&finance)
        .send()
        .await
        .expect(200);
    assert_eq!(queue.body["items"][0]["id"], id.as_str());
    assert_eq!(queue.body["items"][0]["flags"], json!(["disputed"]));
    assert_eq!(
        disputed.body["history"].as_array().unwrap().last().unwrap()["reason"],
        "The deal was 1,200, not 1,000"
    );
    dispute(&rep).await.problem(409, "conflict");
    // A disputed line is not approved.
    app.post(&format!("/api/v1/commissions/{id}/approve"))
        .auth(&finance)
        .send()
        .await
        .problem(409, "conflict");

    // Resolving: bad bodies name the field; reps do not resolve.
    let resolve = |body: Value| {
        let (app, id, finance) = (&app, id.clone(), &finance);
        async move {
            app.post(&format!("/api/v1/commissions/{id}/resolve"))
                .auth(finance)
                .json(&body)
                .send()
                .await
        }
    };
    for body in [
        json!({ "resolution": "adjust", "reason": "r" }),
        json!({ "resolution": "uphold", "reason": "r", "adjustment": usd("1.00") }),
        json!({ "resolution": "adjust", "reason": "r", "adjustment": usd("0.00") }),
    ] {
        let bad = resolve(body).await.problem(422, "validation_failed");
        assert_eq!(bad.fields(), ["adjustment"]);
    }
    let eur = resolve(json!({ "resolution": "adjust", "reason": "r", "adjustment": { "amount": "1.00", "currency": "EUR" } }))
        .await
        .problem(409, "conflict");
    assert_eq!(eur.fields(), ["adjustment"]);
    app.post(&format!("/api/v1/commissions/{id}/resolve"))
        .auth(&rep)
        .json(&json!({ "resolution": "uphold", "reason": "r" }))
        .send()
        .await
        .problem(403, "forbidden");
    let resolved = resolve(
        json!({ "resolution": "adjust", "reason": "Deal was 1,200", "adjustment": usd("10.00") }),
    )
    .await
    .expect(200);
    assert_eq!(resolved.body["line"]["status"], "earned");
    resolve(json!({ "resolution": "uphold", "reason": "again" }))
        .await
        .problem(409, "conflict");
    let adjustments = app
        .get("/api/v1/commissions?line_type=adjustment")
        .auth(&rep)
        .send()
        .await
        .expect(200);
    let adj = &adjustments.body["items"][0];
    assert_eq!(adj["amount"], usd("10.00"));
    assert_eq!(adj["related_line_id"], id.as_str());
    assert_eq!(adj["status"], "earned");
    assert_eq!(adj["source_type"], "dispute");
    let adj_id = adj["id"].as_str().unwrap().to_owned();

    // Approve both, pay the period.
    let period = line["period"].as_str().unwrap().to_owned();
    app.post("/api/v1/commissions/batch-approve")
        .auth(&finance)
        .json(&json!({ "ids": [id, adj_id] }))
        .send()
        .await
        .expect(200);
    let report = app
        .get(&format!(
            "/api/v1/commissions/payout-report?period={period}"
        ))
        .auth(&finance)
        .send()
        .await
        .expect(200);
    assert!(
        report
            .header("content-type")
            .unwrap()
            .starts_with("text/csv")
    );
    let rows: Vec<&str> = report.text.lines().collect();
    assert_eq!(
        rows[0],
        "employee_id,rep_id,rep_name,email,period,currency,approved_lines,approved_amount,paid_lines,paid_amount,payout_references"
    );
    assert_eq!(rows.len(), 2);
    assert!(
        rows[1].starts_with(&format!("E-042,{},\"'=HYPERLINK(\"\"x\"\")\",", rep.id)),
        "{}",
        rows[1]
    );
    assert!(
        rows[1].ends_with(&format!("{period},USD,2,60.00,0,0.00,")),
        "{}",
        rows[1]
    );

    let payout = app
        .post("/api/v1/payouts")
        .auth(&finance)
        .json(&json!({ "period": period }))
        .send()
        .await
        .expect(201);
    assert_eq!(payout.body["line_count"], 2);
    assert_eq!(payout.body["total"], usd("60.00"));
    let reference = payout.body["reference"].as_str().unwrap().to_owned();
    assert_eq!(reference, format!("PAYOUT-{period}-USD-1"));
    app.get(&format!("/api/v1/payouts/{}", payout.id()))
        .auth(&finance)
        .send()
        .await
        .expect(200);
    // Nothing left to pay; a taken reference is named.
    app.post("/api/v1/payouts")
        .auth(&finance)
        .json(&json!({ "period": period }))
        .send()
        .await
        .problem(409, "conflict");
    let taken = app
        .post("/api/v1/payouts")
        .auth(&finance)
        .json(&json!({ "period": period, "reference": reference }))
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(taken.fields(), ["reference"]);
    let paid = app
        .get(&format!("/api/v1/commissions/{id}"))
        .auth(&rep)
        .send()
        .await
        .expect(200);
    assert_eq!(paid.body["line"]["status"], "paid");
    assert_eq!(
        paid.body["history"].as_array().unwrap().last().unwrap()["reference"],
        reference.as_str()
    );
    let report = app
        .get(&format!(
            "/api/v1/commissions/payout-report?period={period}"
        ))
        .auth(&finance)
        .send()
        .await
        .expect(200);
    assert!(
        report
            .text
            .lines()
            .nth(1)
            .unwrap()
            .ends_with(&format!("USD,0,0.00,2,60.00,{reference}"))
    );
    app.get(&format!(
        "/api/v1/commissions/payout-report?period={period}"
    ))
    .auth(&rep)
    .send()
    .await
    .problem(403, "forbidden");

    // Refunded after payment: the original is marked clawed back, the clawback is earned so
    // the next payout deducts it.
    let refund = app
        .post(&format!(
            "/api/v1/clients/{}/refunds",
            deal["client_id"].as_str().unwrap()
        ))
        .auth(&finance)
        .json(&json!({ "amount": usd("500.00") }))
        .send()
        .await
        .expect(201);
    let clawback = app
        .get(&format!(
            "/api/v1/commissions/{}",
            refund.body["clawback_line_id"].as_str().unwrap()
        ))
        .auth(&rep)
        .send()
        .await
        .expect(200);
    assert_eq!(clawback.body["line"]["amount"], usd("-25.00"));
    assert_eq!(clawback.body["line"]["status"], "earned");
    let original = app
        .get(&format!("/api/v1/commissions/{id}"))
        .auth(&rep)
        .send()
        .await
        .expect(200);
    assert_eq!(original.body["line"]["status"], "clawed_back");

    // The rep's summary: this month's paid 60.00 (the clawed-back original counts as paid),
    // the clawback earned, the run listed, the next payout on the coming 15th.
    let summary = app
        .get(&format!("/api/v1/commissions/rm/{}/summary", rep.id))
        .auth(&rep)
        .send()
        .await
        .expect(200);
    let month = &summary.body["this_month"];
    assert_eq!(month["paid"], usd("60.00"));
    assert_eq!(month["earned"], usd("-25.00"));
    assert_eq!(month["net"], usd("35.00"));
    assert_eq!(summary.body["year_to_date"]["net"], usd("35.00"));
    assert_eq!(summary.body["payouts"][0]["reference"], reference.as_str());
    assert_eq!(summary.body["payouts"][0]["amount"], usd("60.00"));
    let today = chrono::Utc::now().date_naive();
    assert_eq!(
        summary.body["next_payout_date"],
        closebook_shared::commission_lines::next_payout_date(today).to_string()
    );
    // Another rep's summary is not found for a rep; the manager sees its team's.
    app.get(&format!("/api/v1/commissions/rm/{}/summary", rep.id))
        .auth(&other)
        .send()
        .await
        .problem(404, "not_found");
    app.get(&format!("/api/v1/commissions/rm/{}/summary", rep.id))
        .auth(&manager)
        .send()
        .await
        .expect(200);
}
