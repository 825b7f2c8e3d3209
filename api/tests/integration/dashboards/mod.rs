//! The rep's and the manager's dashboards from hand-made data; the expected values worked out
//! in the comments.

use crate::common;

use chrono::{Datelike, Duration, NaiveDate, Timelike};
use closebook_shared::Role;
use common::{TestApp, TestUser, sql_time};
use serde_json::{Value, json};

async fn lead(app: &TestApp, rep: &TestUser, company: &str, amount: Option<&str>) -> String {
    let mut body = json!({ "company": company });
    if let Some(a) = amount {
        body["deal_value"] = json!({ "amount": a, "currency": "USD" });
    }
    app.post("/api/v1/leads")
        .auth(rep)
        .json(&body)
        .send()
        .await
        .expect(201)
        .id()
}

async fn win(app: &TestApp, rep: &TestUser, lead: &str) {
    app.post(&format!("/api/v1/leads/{lead}/outcome"))
        .auth(rep)
        .json(&json!({ "outcome": "won" }))
        .send()
        .await
        .expect(200);
}

async fn log(app: &TestApp, rep: &TestUser, lead: &str, body: Value) {
    app.post(&format!("/api/v1/leads/{lead}/activities"))
        .auth(rep)
        .json(&body)
        .send()
        .await
        .expect(201);
}

fn days_in_month(d: NaiveDate) -> u32 {
    let next = if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    };
    (next.unwrap() - Duration::days(1)).day()
}

async fn a_reps_dashboard(app: TestApp) {
    let manager = app.user(Role::SalesManager, None, None).await;
    let team = app.team("Dash", Some(manager.id)).await;
    let rep = app.user(Role::SalesRep, Some(team), Some(manager.id)).await;
    let mate = app.user(Role::SalesRep, Some(team), Some(manager.id)).await;
    let finance = app.user(Role::Finance, None, None).await;
    let now = closebook_api::time::now();
    let today = now.date();
    // A 10,000.00 monthly quota.
    let plan = app
        .post("/api/v1/compensation-plans")
        .auth(&finance)
        .json(&json!({ "name": "Dash plan", "currency": "USD", "effective_from": "2020-01-01",
            "rules": serde_json::to_value(closebook_shared::commissions::plan::PlanRules::default()).unwrap() }))
        .send()
        .await
        .expect(201)
        .id();
    app.post(&format!("/api/v1/users/{}/plan-assignments", rep.id))
        .auth(&finance)
        .json(&json!({ "plan_id": plan, "effective_from": "2020-01-01", "monthly_quota": { "amount": "10000", "currency": "USD" } }))
        .send()
        .await
        .expect(201);
    // Won this month: 1,000.00 and 2,000.00; the teammate 5,000.00.
    for (who, amount) in [(&rep, "1000.00"), (&rep, "2000.00"), (&mate, "5000.00")] {
        let id = lead(&app, who, &format!("Won {amount}"), Some(amount)).await;
        win(&app, who, &id).await;
    }
    // Open: one overdue, one closing in 3 days, one stalling 6 days with a deal.
    let overdue = lead(&app, &rep, "Overdue", None).await;
    let closing = lead(&app, &rep, "Closing", None).await;
    app.sql(format!(
        "UPDATE leads SET expected_close_date = '{}' WHERE id = '{closing}'",
        today + Duration::days(3)
    ))
    .await;
    let stalling = lead(&app, &rep, "Stalling", Some("750.00")).await;
    app.sql(format!(
        "UPDATE leads SET created_at = '{}' WHERE id = '{stalling}'",
        sql_time(now - Duration::days(6))
    ))
    .await;
    // Calls: two today; three four days ago at 10:00 UTC (two answered, one not). Today's are
    // made outside the 10 o'clock hour, whatever hour the test runs in, so the best hour is the
    // one of the three.
    let today_at = if now.hour() == 10 {
        now - Duration::minutes(61)
    } else {
        now
    };
    let today_at = today_at.and_utc().to_rfc3339();
    log(
        &app,
        &rep,
        &overdue,
        json!({ "kind": "call", "outcome": "positive", "completed_at": today_at }),
    )
    .await;
    log(
        &app,
        &rep,
        &closing,
        json!({ "kind": "call", "completed_at": today_at }),
    )
    .await;
    log(&app, &rep, &closing, json!({ "kind": "email" })).await;
    let ten = (today - Duration::days(4)).and_hms_opt(10, 0, 0).unwrap();
    for (minute, outcome) in [(5, "positive"), (20, "interested"), (40, "no_answer")] {
        let at = (ten + Duration::minutes(minute)).and_utc().to_rfc3339();
        log(
            &app,
            &rep,
            &overdue,
            json!({ "kind": "call", "completed_at": at, "outcome": outcome }),
        )
        .await;
    }
    // Those calls touched Overdue and Closing: Stalling stays quiet. A completed call satisfies
    // a follow-up, so Overdue's next contact is dated after them.
    app.sql(format!(
        "UPDATE leads SET next_contact_at = '{}' WHERE id = '{overdue}'",
        sql_time(now - Duration::hours(2))
    ))
    .await;

    let dash = app
        .get("/api/v1/dashboard/rep")
        .auth(&rep)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(dash["rep_id"], rep.id.to_string());
    let s = &dash["snapshot"];
    assert_eq!(s["active_leads"], 3);
    assert_eq!(s["calls_today"], 2);
    assert_eq!(s["deals_closing"], 1);
    assert_eq!(s["overdue_follow_ups"], 1);
    assert_eq!(dash["next_actions"]["overdue"][0]["id"], overdue);
    // 3,000.00 of 10,000.00 = 30.0%; forecast 3,000 × days in month / day of month.
    let q = &dash["quota"];
    assert_eq!(q["achieved"]["amount"], "3000.00");
    assert_eq!(q["quota"]["amount"], "10000.00");
    assert_eq!(q["percent"], "30.0");
    let days = days_in_month(today);
    let ahead = rust_decimal::Decimal::from(3000 * days) / rust_decimal::Decimal::from(today.day());
    let ahead =
        ahead.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    assert_eq!(
        q["forecast"]["amount"]
            .as_str()
            .unwrap()
            .parse::<rust_decimal::Decimal>()
            .unwrap(),
        ahead
    );
    assert!(q["line"].as_str().unwrap().starts_with("On track to "));
    // The team's board: the teammate 5,000, the rep 3,000 → second of two.
    assert_eq!(dash["leaderboard"]["rank"], 2);
    assert_eq!(dash["leaderboard"]["percent_of_quota"], "30.00");
    assert_eq!(dash["leaderboard_size"], 2);
    assert_eq!(dash["hot_leads"].as_array().unwrap().len(), 3);
    // Suggestions: the stalling deal; 10:00 with 2 of 3 calls connected (66.7%).
    let kinds: Vec<&str> = dash["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"stalling_deal"), "{kinds:?}");
    let stall = dash["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "stalling_deal")
        .unwrap();
    assert_eq!(stall["lead_id"], stalling);
    assert_eq!(stall["reason"], "No activity for 6 days on an open deal");
    assert_eq!(dash["best_hour"]["hour"], 10);
    assert_eq!(dash["best_hour"]["calls"], 3);
    assert_eq!(dash["best_hour"]["connect_rate"], "66.7");
    // The heatmap: this month's calls (2 today, 3 four days ago if still this month), 1 email.
    let month_calls = 2 + if (today - Duration::days(4)).month() == today.month() {
        3
    } else {
        0
    };
    let calls = dash["heatmap"]["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kind"] == "call")
        .unwrap()
        .clone();
    assert_eq!(calls["count"], month_calls);
    let weekdays: u64 = dash["heatmap"]["by_weekday"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(weekdays, month_calls as u64 + 1);
    assert!(
        dash["leak_line"].as_str().unwrap().starts_with("Leak = ")
            || dash["leak_line"] == "No leak this week"
    );

    // The manager sees the rep's dashboard; another rep does not.
    app.get(&format!("/api/v1/dashboard/rep?rep_id={}", rep.id))
        .auth(&manager)
        .send()
        .await
        .expect(200);
    app.get(&format!("/api/v1/dashboard/rep?rep_id={}", rep.id))
        .auth(&mate)
        .send()
        .await
        .problem(404, "not_found");
    // Finance has no pipeline of its own: it names the rep.
    app.get("/api/v1/dashboard/rep")
        .auth(&finance)
        .send()
        .await
        .problem(404, "not_found");
}

async fn a_managers_dashboard(app: TestApp) {
    let admin = app.admin().await;
    let manager = app.user(Role::SalesManager, None, None).await;
    let team = app.team("Board", Some(manager.id)).await;
    let a = app.user(Role::SalesRep, Some(team), Some(manager.id)).await;
    let b = app.user(Role::SalesRep, Some(team), Some(manager.id)).await;
    // Green at one close a month: three in 90 days.
    let settings = app
        .get("/api/v1/settings")
        .auth(&admin)
        .send()
        .await
        .expect(200);
    app.patch("/api/v1/settings")
        .auth(&admin)
        .json(&json!({ "production": { "green_per_month": 1, "yellow_per_month": 1 }, "version": settings.body["version"] }))
        .send()
        .await
        .expect(200);
    let now = closebook_api::time::now();
    let mut won = Vec::new();
    for n in 0..3 {
        let id = lead(&app, &a, &format!("A won {n}"), Some("100.00")).await;
        win(&app, &a, &id).await;
        won.push(id);
    }
    // One of them took 3 days: cycles 3, 0, 0 → 1.0 day on average.
    app.sql(format!(
        "UPDATE leads SET created_at = '{}' WHERE id = '{}'",
        sql_time(now - Duration::days(3)),
        won[0]
    ))
    .await;
    lead(&app, &b, "B open", None).await;
    // B's other lead reached the second stage (CONTACTED) and was lost from there: the funnel
    // learns it from the stage history, the lead itself now sits in the lost stage.
    let lost = lead(&app, &b, "B lost", None).await;
    app.patch(&format!("/api/v1/leads/{lost}/stage"))
        .auth(&b)
        .json(&json!({ "stage_id": "00000000-0000-7000-8001-000000000102" }))
        .send()
        .await
        .expect(200);
    app.post(&format!("/api/v1/leads/{lost}/outcome"))
        .auth(&b)
        .json(&json!({ "outcome": "lost", "lost_reason": "price" }))
        .send()
        .await
        .expect(200);
    // A's quota is 1,200.00 a month: 300.00 won is 25.0%; B has no plan, so no attainment.
    app.quota(a.id, "1200").await;

    let dash = app
        .get(&format!("/api/v1/dashboard/manager?team_id={team}"))
        .auth(&manager)
        .send()
        .await
        .expect(200)
        .body;
    let reps = dash["reps"].as_array().unwrap();
    assert_eq!(reps.len(), 2);
    let of = |id: uuid::Uuid| reps.iter().find(|r| r["rep_id"] == id.to_string()).unwrap();
    assert_eq!(of(a.id)["production"]["status"], "green");
    assert_eq!(of(a.id)["production"]["closes_90_days"], 3);
    assert_eq!(of(a.id)["revenue_this_month"]["amount"], "300.00");
    assert_eq!(of(a.id)["open_leads"], 0);
    assert_eq!(of(a.id)["quota_attainment"], "25.0");
    assert_eq!(of(b.id)["quota_attainment"], Value::Null);
    assert_eq!(of(b.id)["production"]["status"], "red");
    assert_eq!(of(b.id)["open_leads"], 1);
    assert_eq!(dash["open_leads_min"], 0);
    assert_eq!(dash["open_leads_max"], 1);
    // No allocations: nothing to measure.
    assert_eq!(dash["sla_compliance"], Value::Null);
    // 5 leads created, 3 won: 60.0%; cycles (3 + 0 + 0) / 3 = 1.0.
    assert_eq!(dash["lead_to_close_percent"], "60.0");
    assert_eq!(dash["average_cycle_days"], "1.0");
    // The funnel: all 5 reached the first stage; the lost one and the 3 won reached the
    // second (a won lead passed every open stage); the 3 won reached won.
    let funnel = dash["funnel"].as_array().unwrap();
    assert_eq!(funnel[0]["reached"], 5);
    assert_eq!(funnel[1]["key"], "CONTACTED");
    assert_eq!(funnel[1]["reached"], 4);
    assert_eq!(funnel.last().unwrap()["reached"], 3);
    assert!(dash["leak_line"].is_string());
    app.get(&format!("/api/v1/dashboard/manager?team_id={team}"))
        .auth(&app.user(Role::SalesManager, None, None).await)
        .send()
        .await
        .problem(404, "not_found");
}

async fn the_reports_count_and_download(app: TestApp) {
    let manager = app.user(Role::SalesManager, None, None).await;
    let team = app.team("Reports", Some(manager.id)).await;
    let a = app.user(Role::SalesRep, Some(team), Some(manager.id)).await;
    let b = app.user(Role::SalesRep, Some(team), Some(manager.id)).await;
    // A: won 100.00 and 50.00, lost one; two calls, an email and a note. B: one open 200.00.
    for amount in ["100.00", "50.00"] {
        let id = lead(&app, &a, &format!("Won {amount}"), Some(amount)).await;
        win(&app, &a, &id).await;
    }
    let lost = lead(&app, &a, "Lost", None).await;
    app.post(&format!("/api/v1/leads/{lost}/outcome"))
        .auth(&a)
        .json(&json!({ "outcome": "lost", "lost_reason": "price" }))
        .send()
        .await
        .expect(200);
    for kind in ["call", "call", "email"] {
        log(&app, &a, &lost, json!({ "kind": kind })).await;
    }
    log(&app, &a, &lost, json!({ "kind": "note", "notes": "n" })).await;
    let open = lead(&app, &b, "Open", Some("200.00")).await;

    let q = format!("team_id={team}");
    let conversion = app
        .get(&format!("/api/v1/reports/conversion?{q}"))
        .auth(&manager)
        .send()
        .await
        .expect(200)
        .body;
    let rows = conversion["rows"].as_array().unwrap();
    let of = |id: uuid::Uuid| rows.iter().find(|r| r["rep_id"] == id.to_string()).unwrap();
    // A: 3 created, 2 won, 1 lost: 66.7% both ways; 150.00 won.
    assert_eq!(of(a.id)["created"], 3);
    assert_eq!(of(a.id)["won"], 2);
    assert_eq!(of(a.id)["lost"], 1);
    assert_eq!(of(a.id)["win_rate"], "66.7");
    assert_eq!(of(a.id)["lead_to_close"], "66.7");
    assert_eq!(of(a.id)["won_value"]["amount"], "150.00");
    // B: nothing closed, 1 created: no win rate, 0% to close.
    assert_eq!(of(b.id)["win_rate"], Value::Null);
    assert_eq!(of(b.id)["lead_to_close"], "0.0");
    // The total: 4 created, 2 won of 3 closed.
    assert_eq!(conversion["total"]["created"], 4);
    assert_eq!(conversion["total"]["win_rate"], "66.7");
    assert_eq!(conversion["total"]["lead_to_close"], "50.0");

    let activity = app
        .get(&format!("/api/v1/reports/activity-by-rep?{q}"))
        .auth(&manager)
        .send()
        .await
        .expect(200)
        .body;
    let row = activity["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rep_id"] == a.id.to_string())
        .unwrap()
        .clone();
    assert_eq!(
        (
            row["calls"].as_u64(),
            row["emails"].as_u64(),
            row["other"].as_u64(),
            row["total"].as_u64()
        ),
        (Some(2), Some(1), Some(1), Some(4))
    );

    let pipeline = app
        .get(&format!("/api/v1/reports/pipeline?{q}"))
        .auth(&manager)
        .send()
        .await
        .expect(200)
        .body;
    let b_lead = app
        .get(&format!("/api/v1/leads/{open}"))
        .auth(&b)
        .send()
        .await
        .expect(200)
        .body;
    let stage = b_lead["stage_key"]
        .as_str()
        .or(b_lead["stage"]["key"].as_str())
        .map(str::to_owned);
    let probability = b_lead["probability"].as_i64().unwrap();
    let with_lead: Vec<&Value> = pipeline["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["leads"] != 0)
        .collect();
    assert_eq!(with_lead.len(), 1, "{pipeline}");
    assert_eq!(with_lead[0]["value"]["amount"], "200.00");
    assert_eq!(
        with_lead[0]["weighted"]["amount"],
        format!("{}.00", 2 * probability)
    );
    if let Some(stage) = stage {
        assert_eq!(with_lead[0]["stage_key"], stage.as_str());
    }

    // CSV on request: a header, a row per rep, the total.
    let csv = app
        .get(&format!("/api/v1/reports/conversion?{q}"))
        .auth(&manager)
        .header("accept", "text/csv")
        .send()
        .await
        .expect(200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    let lines: Vec<&str> = csv.text.lines().collect();
    assert_eq!(
        lines[0],
        "rep_id,rep_name,created,won,lost,win_rate,lead_to_close,won_value,currency"
    );
    assert_eq!(lines.len(), 4);
    assert!(
        lines[3].starts_with(",Total,4,2,1,66.7,50.0,150.00,USD"),
        "{}",
        lines[3]
    );
    // A rep's report is its own.
    let mine = app
        .get("/api/v1/reports/conversion")
        .auth(&b)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(mine["rows"].as_array().unwrap().len(), 1);
}

on_both_backends!(
    a_reps_dashboard,
    a_managers_dashboard,
    the_reports_count_and_download
);
