use chrono::NaiveDateTime;
use closebook_shared::Role;
use closebook_shared::commissions::plan::PlanRules;
use serde_json::{Value, json};

use super::support::{consume, won_deal_at};
use crate::common::{TestApp, TestUser};

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

async fn lines_of(app: &TestApp, finance: &TestUser, query: &str) -> Vec<Value> {
    app.get(&format!("/api/v1/commissions?{query}&limit=100"))
        .auth(finance)
        .send()
        .await
        .expect(200)
        .body["items"]
        .as_array()
        .unwrap()
        .clone()
}

async fn close(app: &TestApp, who: &TestUser, period: &str) -> crate::common::Res {
    app.post("/api/v1/commissions/close")
        .auth(who)
        .json(&json!({ "period": period }))
        .send()
        .await
}

/// The monthly close of October in New York: a retroactive true-up, team bonuses, the
/// manager's override, a cap, statements — and a second run writes nothing.
pub async fn the_monthly_close_writes_what_the_month_owes_once(app: TestApp) {
    use closebook_api::db::schema::team_quotas;
    use diesel::prelude::*;
    let admin = app.admin().await;
    let finance = app.user(Role::Finance, None, None).await;
    let manager = app.user(Role::SalesManager, None, None).await;
    let team = app.team("Closers", Some(manager.id)).await;
    let a = app.user(Role::SalesRep, Some(team), None).await;
    let b = app.user(Role::SalesRep, Some(team), None).await;
    app.patch("/api/v1/settings")
        .auth(&admin)
        .json(&json!({ "time_zone": "America/New_York" }))
        .send()
        .await
        .expect(200);
    // A's salary caps its month at 3 × 200.00.
    app.patch(&format!("/api/v1/users/{}", a.id))
        .auth(&admin)
        .json(&json!({ "base_salary": { "amount": "200.00", "currency": "USD" } }))
        .send()
        .await
        .expect(200);
    let mut rules = serde_json::to_value(PlanRules::default()).unwrap();
    rules["new_business"] = json!({ "kind": "tiered", "mode": "retroactive", "bands": [
        { "from_percent": "0", "rate": "0.05" },
        { "from_percent": "100", "rate": "0.10" }
    ]});
    rules["team_bonus"] = json!("100.00");
    rules["override_rate"] = json!("0.02");
    let plan = app
        .post("/api/v1/compensation-plans")
        .auth(&finance)
        .json(&json!({ "name": "Closers 2026", "currency": "USD", "effective_from": "2026-01-01", "rules": rules }))
        .send()
        .await
        .expect(201)
        .id();
    for (who, quota) in [(&a, Some("10000")), (&b, Some("10000")), (&manager, None)] {
        let quota = quota.map(|q| json!({ "amount": q, "currency": "USD" }));
        app.post(&format!("/api/v1/users/{}/plan-assignments", who.id))
            .auth(&finance)
            .json(
                &json!({ "plan_id": plan, "effective_from": "2026-01-01", "monthly_quota": quota }),
            )
            .send()
            .await
            .expect(201);
    }
    let team_id = team.to_string();
    app.state
        .db
        .write(move |c| {
            // Members count for a month they were with the company in: these joined in January.
            use closebook_api::db::schema::users;
            diesel::update(users::table)
                .set(users::created_at.eq(at("2026-01-02 09:00")))
                .execute(c)?;
            diesel::insert_into(team_quotas::table)
                .values((
                    team_quotas::team_id.eq(team_id),
                    team_quotas::effective_from
                        .eq(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
                    team_quotas::monthly_quota_minor.eq(1_500_000),
                    team_quotas::currency.eq("USD"),
                    team_quotas::created_at.eq(at("2026-01-01 00:00")),
                ))
                .execute(c)?;
            Ok(())
        })
        .await
        .unwrap();

    // October in New York. A: 6,000 (300.00 at 5%), 6,000 (4,000 at 5% + 2,000 at 10% = 400.00),
    // and 1,000 at 23:30 on 31 October local — 03:30 UTC on 1 November — at 10% = 100.00.
    // B: 4,000 at 5% = 200.00. A deal on 1 November local is November's.
    won_deal_at(&app, &a, "Oct A1", "6000.00", at("2026-10-05 15:00")).await;
    won_deal_at(&app, &a, "Oct A2", "6000.00", at("2026-10-20 15:00")).await;
    won_deal_at(&app, &a, "Oct A3", "1000.00", at("2026-11-01 03:30")).await;
    won_deal_at(&app, &b, "Oct B1", "4000.00", at("2026-10-10 15:00")).await;
    won_deal_at(&app, &b, "Nov B2", "9000.00", at("2026-11-01 05:00")).await;
    consume(&app).await;
    let october = lines_of(&app, &finance, "period=2026-10").await;
    let amounts: Vec<&str> = october
        .iter()
        .rev()
        .map(|l| l["amount"]["amount"].as_str().unwrap())
        .collect();
    assert_eq!(amounts, ["300.00", "400.00", "100.00", "200.00"]);

    // Reps do not close; a month that has not ended is refused by field.
    close(&app, &a, "2026-10").await.problem(403, "forbidden");
    let open = close(&app, &finance, "2099-01")
        .await
        .problem(422, "validation_failed");
    assert_eq!(open.fields(), ["period"]);

    let report = close(&app, &finance, "2026-10").await.expect(200);
    assert_eq!(
        report.body,
        json!({ "period": "2026-10", "true_ups": 1, "team_bonuses": 2, "overrides": 1, "caps": 1, "statements": 3 })
    );
    let amount_of = |lines: &[Value], rep: &TestUser, t: &str| -> Vec<String> {
        lines
            .iter()
            .filter(|l| l["rep_id"] == rep.id.to_string() && l["line_type"] == t)
            .map(|l| l["amount"]["amount"].as_str().unwrap().to_owned())
            .collect()
    };
    let october = lines_of(&app, &finance, "period=2026-10").await;
    // A reached quota (13,000 of 10,000): all at 10% = 1,300.00, less 800.00 written.
    assert_eq!(amount_of(&october, &a, "true_up"), ["500.00"]);
    // The team won 17,000 of its 15,000 quota: 100.00 to each member.
    assert_eq!(amount_of(&october, &a, "team_bonus"), ["100.00"]);
    assert_eq!(amount_of(&october, &b, "team_bonus"), ["100.00"]);
    // 2% of the members' lines but team bonuses: (800 + 500 + 200) × 2% = 30.00.
    assert_eq!(amount_of(&october, &manager, "override"), ["30.00"]);
    // A's 1,400.00 is capped at 600.00.
    assert_eq!(amount_of(&october, &a, "cap"), ["-800.00"]);
    let cap = october.iter().find(|l| l["line_type"] == "cap").unwrap();
    assert!(
        cap["explanation"]["summary"]
            .as_str()
            .unwrap()
            .contains("600")
    );
    assert_eq!(cap["source_type"], "close");

    // Again: nothing new.
    let again = close(&app, &finance, "2026-10").await.expect(200);
    assert_eq!(
        again.body,
        json!({ "period": "2026-10", "true_ups": 0, "team_bonuses": 0, "overrides": 0, "caps": 0, "statements": 3 })
    );
    assert_eq!(
        lines_of(&app, &finance, "period=2026-10").await.len(),
        october.len()
    );

    // The approval queue's exceptions: A's month was capped, and at a threshold of 400.00 the
    // lines of 400.00 or more, either sign, stand out.
    app.patch("/api/v1/settings")
        .auth(&admin)
        .json(&json!({ "approval_threshold": { "amount": "400.00", "currency": "USD" } }))
        .send()
        .await
        .expect(200);
    let flagged = lines_of(&app, &finance, "period=2026-10").await;
    let table: [(&TestUser, &str, &str, &[&str]); 9] = [
        (&a, "new_business", "300.00", &["capped"]),
        (&a, "new_business", "400.00", &["capped", "above_threshold"]),
        (&a, "new_business", "100.00", &["capped"]),
        (&a, "true_up", "500.00", &["capped", "above_threshold"]),
        (&a, "team_bonus", "100.00", &["capped"]),
        (&a, "cap", "-800.00", &["capped", "above_threshold"]),
        (&b, "new_business", "200.00", &[]),
        (&b, "team_bonus", "100.00", &[]),
        (&manager, "override", "30.00", &[]),
    ];
    assert_eq!(flagged.len(), table.len());
    for (rep, line_type, amount, flags) in table {
        let line = flagged
            .iter()
            .find(|l| {
                l["rep_id"] == rep.id.to_string()
                    && l["line_type"] == line_type
                    && l["amount"]["amount"] == amount
            })
            .unwrap_or_else(|| panic!("{line_type} {amount}"));
        assert_eq!(line["flags"], json!(flags), "{line_type} {amount}");
    }

    // Lists carry the flags for finance's queue only; a line's detail carries them for all.
    let own = app
        .get("/api/v1/commissions?period=2026-10&line_type=cap")
        .auth(&a)
        .send()
        .await
        .expect(200);
    assert_eq!(own.body["items"][0]["flags"], json!([]));
    let cap_id = own.body["items"][0]["id"].as_str().unwrap().to_owned();
    let detail = app
        .get(&format!("/api/v1/commissions/{cap_id}"))
        .auth(&a)
        .send()
        .await
        .expect(200);
    assert_eq!(
        detail.body["line"]["flags"],
        json!(["capped", "above_threshold"])
    );

    // The manager's view of October: each member by net, the override among its own lines.
    let team_view = app
        .get("/api/v1/commissions/team-earnings?period=2026-10")
        .auth(&manager)
        .send()
        .await
        .expect(200);
    let rows: Vec<(String, &str, &str)> = team_view.body["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["rep_id"].as_str().unwrap().to_owned(),
                m["totals"]["net"]["amount"].as_str().unwrap(),
                m["overrides"]["amount"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (a.id.to_string(), "600.00", "0.00"),
            (b.id.to_string(), "300.00", "0.00"),
            (manager.id.to_string(), "30.00", "30.00"),
        ]
    );
    assert_eq!(team_view.body["totals"]["net"]["amount"], "930.00");
    assert_eq!(team_view.body["currency"], "USD");
    // Finance narrows to a team; another team's members are not in it; reps have no team view.
    let other = app.team("Elsewhere", None).await;
    let elsewhere = app
        .get(&format!(
            "/api/v1/commissions/team-earnings?period=2026-10&team_id={other}"
        ))
        .auth(&finance)
        .send()
        .await
        .expect(200);
    assert_eq!(elsewhere.body["members"], json!([]));
    assert_eq!(elsewhere.body["totals"]["net"]["amount"], "0.00");
    app.get("/api/v1/commissions/team-earnings")
        .auth(&a)
        .send()
        .await
        .problem(403, "forbidden");
    let bad = app
        .get("/api/v1/commissions/team-earnings?period=2026-13")
        .auth(&manager)
        .send()
        .await
        .problem(400, "bad_request");
    assert_eq!(bad.fields(), ["period"]);

    // A's statement: the lines and their sum, as the close stored it; also as a PDF.
    let statement = app
        .get(&format!("/api/v1/commissions/statements/{}/2026-10", a.id))
        .auth(&a)
        .send()
        .await
        .expect(200);
    assert_eq!(statement.body["totals"]["net"], "600.00");
    assert_eq!(statement.body["totals"]["line_count"], 6);
    assert_eq!(statement.body["lines"].as_array().unwrap().len(), 6);
    assert_eq!(statement.body["matches_close"], true);
    assert!(statement.body["closed_at"].is_string());
    let pdf = app
        .get(&format!("/api/v1/commissions/statements/{}/2026-10", a.id))
        .auth(&a)
        .header("Accept", "application/pdf")
        .send()
        .await
        .expect(200);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert!(
        pdf.text.starts_with("%PDF-"),
        "{}",
        &pdf.text[..20.min(pdf.text.len())]
    );
    assert!(pdf.text.contains("Commission statement 2026-10"));
    app.get(&format!("/api/v1/commissions/statements/{}/2026-10", a.id))
        .auth(&b)
        .send()
        .await
        .problem(404, "not_found");
    app.get(&format!("/api/v1/commissions/statements/{}/2026-13", a.id))
        .auth(&a)
        .send()
        .await
        .problem(404, "not_found");
    // Replay: the stored statements are what the ledger rebuilds.
    let clean = replay(&app, &finance, "2026-10").await;
    assert_eq!(clean["statements_checked"], 3);
    assert_eq!(clean["differences"], json!([]));
    // A payment dated in October after the close: B's ledger moves, the replay says so, and
    // closing again brings the stored statement up to date.
    let b_client = lines_of(
        &app,
        &finance,
        &format!("period=2026-10&line_type=new_business&rep={}", b.id),
    )
    .await[0]["source_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let b_client: String = {
        use closebook_api::db::schema::leads;
        app.state
            .db
            .read(move |c| {
                Ok(leads::table
                    .find(b_client)
                    .select(leads::client_id)
                    .first::<Option<String>>(c)?)
            })
            .await
            .unwrap()
            .unwrap()
    };
    app.post("/api/v1/invoices")
        .auth(&finance)
        .json(&json!({ "client_id": b_client, "amount": { "amount": "99.00", "currency": "USD" }, "service_month": "2026-10", "paid_at": "2026-10-30T12:00:00Z" }))
        .send()
        .await
        .expect(201);
    let late = replay(&app, &finance, "2026-10").await;
    assert_eq!(late["differences"].as_array().unwrap().len(), 1);
    assert_eq!(late["differences"][0]["rep_id"], b.id.to_string());
    assert_eq!(late["differences"][0]["stored"]["net"], "300.00");
    // The residual B's close locked: its first close of October, 200.00.
    assert_eq!(late["differences"][0]["rebuilt"]["net"], "500.00");
    close(&app, &finance, "2026-10").await.expect(200);
    assert_eq!(
        replay(&app, &finance, "2026-10").await["differences"],
        json!([])
    );

    // The calendar job: on 3 November it closes October once (claimed; the close owes nothing
    // new); from the 5th it reconciles October's paid invoices, writing a missing residual.
    use closebook_api::domain::commissions::calendar_jobs::tick;
    let client =
        lines_of(&app, &finance, "period=2026-10&line_type=new_business").await[0]["source_id"]
            .as_str()
            .unwrap()
            .to_owned();
    let client_id: String = {
        use closebook_api::db::schema::leads;
        app.state
            .db
            .read(move |c| {
                Ok(leads::table
                    .find(client)
                    .select(leads::client_id)
                    .first::<Option<String>>(c)?)
            })
            .await
            .unwrap()
            .unwrap()
    };
    app.state
        .db
        .write(move |c| {
            // An October payment whose residual was never written (entered around the API).
            use closebook_api::db::schema::invoices;
            diesel::insert_into(invoices::table)
                .values((
                    invoices::id.eq(uuid::Uuid::now_v7().to_string()),
                    invoices::number.eq("INV-900001"),
                    invoices::client_id.eq(client_id),
                    invoices::amount_minor.eq(50_000),
                    invoices::currency.eq("USD"),
                    invoices::service_month.eq("2026-10"),
                    invoices::paid_at.eq(Some(at("2026-10-15 12:00"))),
                    invoices::refunded_minor.eq(0),
                    invoices::created_at.eq(at("2026-10-15 12:00")),
                ))
                .execute(c)?;
            Ok(())
        })
        .await
        .unwrap();
    let run = |now: &str, worker: &'static str| {
        let now = at(now);
        let db = app.state.db.clone();
        async move { db.write(move |c| tick(c, now, worker)).await.unwrap() }
    };
    let first = run("2026-11-03 12:00", "w1").await;
    assert_eq!(first.closed.map(|r| r.caps), Some(0));
    assert!(first.reconciled.is_none());
    let second = run("2026-11-03 12:10", "w2").await;
    assert!(second.closed.is_none() && second.reconciled.is_none());
    let fifth = run("2026-11-05 12:00", "w2").await;
    let reconciled = fifth.reconciled.unwrap();
    assert_eq!(reconciled.residuals_created, ["INV-900001"]);
    assert!(run("2026-11-05 12:10", "w1").await.reconciled.is_none());
    // B's late invoice had its residual; the one entered around the API has one now.
    let residuals = lines_of(&app, &finance, "period=2026-10&line_type=residual").await;
    assert_eq!(residuals.len(), 2);

    // October's profitability: 599.00 billed; 1,000 + 500 true-up + 200 bonuses − 800 cap of
    // commissions; two residuals of 200.00; the 30.00 override and the 4.00 the second close
    // added for B's late residual.
    let p = app
        .get("/api/v1/reports/profitability?period=2026-10")
        .auth(&finance)
        .send()
        .await
        .expect(200);
    let usd = |a: &str| json!({ "amount": a, "currency": "USD" });
    assert_eq!(p.body["revenue"], usd("599.00"));
    assert_eq!(p.body["bookings"], usd("17000.00"));
    assert_eq!(p.body["commissions"], usd("900.00"));
    assert_eq!(p.body["residuals"], usd("400.00"));
    assert_eq!(p.body["overrides"], usd("34.00"));
    assert_eq!(p.body["net"], usd("-735.00"));
    app.get("/api/v1/reports/profitability?period=2026-10")
        .auth(&a)
        .send()
        .await
        .problem(403, "forbidden");

    // B's residual book: October's client (200.00 locked, two paid months) before November's.
    let book = app
        .get(&format!("/api/v1/residual-book?rep={}", b.id))
        .auth(&finance)
        .send()
        .await
        .expect(200);
    assert_eq!(book.body["total_clients"], 2);
    assert_eq!(book.body["active_clients"], 2);
    assert_eq!(book.body["locked_monthly"], json!([usd("400.00")]));
    assert_eq!(book.body["earned_to_date"], json!([usd("400.00")]));
    let first = &book.body["entries"][0];
    assert_eq!(first["locked"], usd("200.00"));
    assert_eq!(first["months_active"], 2);
    assert_eq!(first["earned_to_date"], usd("400.00"));
    assert_eq!(first["status"], "active");
    assert_eq!(book.body["entries"][1]["months_active"], 0);
    // Sorted the other way, a page of one.
    let asc = app
        .get(&format!(
            "/api/v1/residual-book?rep={}&order=asc&limit=1",
            b.id
        ))
        .auth(&finance)
        .send()
        .await
        .expect(200);
    assert_eq!(asc.body["entries"].as_array().unwrap().len(), 1);
    assert_eq!(asc.body["entries"][0]["months_active"], 0);
    // A rep's book is its own.
    let mine = app
        .get("/api/v1/residual-book")
        .auth(&b)
        .send()
        .await
        .expect(200);
    assert_eq!(mine.body["total_clients"], 2);
    let bad = app
        .get("/api/v1/residual-book?limit=0")
        .auth(&b)
        .send()
        .await
        .problem(400, "bad_request");
    assert_eq!(bad.fields(), ["limit"]);
}

async fn replay(app: &TestApp, finance: &TestUser, period: &str) -> Value {
    app.post("/api/v1/commissions/replay")
        .auth(finance)
        .json(&json!({ "period": period }))
        .send()
        .await
        .expect(200)
        .body
}
