//! Targets: achieved values from live data for every metric (individual, team, city), the
//! quota as a rep's monthly revenue target, statuses, scope and the leaderboard; periods in the
//! organisation's calendar across a DST change and a year boundary.

use crate::common;
mod scope;
mod time;

use chrono::NaiveDateTime;
use closebook_shared::Role;
use common::{TestApp, TestUser};
use serde_json::{Value, json};

use scope::{targets_are_scoped_and_the_leaderboard_ranks, targets_are_set_by_their_managers};
use time::periods_follow_the_organisations_calendar;

/// A lead of `rep`'s in `city` with a deal value, closed as `outcome` (or left open).
pub(crate) async fn lead(
    app: &TestApp,
    rep: &TestUser,
    city: &str,
    amount: &str,
    outcome: Option<&str>,
) -> Value {
    let lead = app
        .post("/api/v1/leads")
        .auth(rep)
        .json(
            &json!({ "company": format!("{city} {amount} {}", uuid::Uuid::now_v7()), "city": city,
            "deal_value": { "amount": amount, "currency": "USD" } }),
        )
        .send()
        .await
        .expect(201)
        .body;
    let Some(outcome) = outcome else {
        return lead;
    };
    let mut body = json!({ "outcome": outcome });
    if outcome == "lost" {
        body["lost_reason"] = json!("price");
    }
    app.post(&format!(
        "/api/v1/leads/{}/outcome",
        lead["id"].as_str().unwrap()
    ))
    .auth(rep)
    .json(&body)
    .send()
    .await
    .expect(200)
    .body
}

/// Dates a closed lead's `closed_at` (UTC).
pub(crate) async fn closed_at(app: &TestApp, lead: &Value, at: NaiveDateTime) {
    use closebook_api::db::schema::leads;
    use diesel::prelude::*;
    let id = lead["id"].as_str().unwrap().to_owned();
    app.state
        .db
        .write(move |c| {
            diesel::update(leads::table.find(id))
                .set(leads::closed_at.eq(Some(at)))
                .execute(c)?;
            Ok(())
        })
        .await
        .unwrap();
}

pub(crate) async fn target(app: &TestApp, by: &TestUser, body: Value) -> Value {
    app.post("/api/v1/targets")
        .auth(by)
        .json(&body)
        .send()
        .await
        .expect(201)
        .body
}

pub(crate) async fn log(app: &TestApp, rep: &TestUser, lead: &Value, body: Value) {
    app.post(&format!(
        "/api/v1/leads/{}/activities",
        lead["id"].as_str().unwrap()
    ))
    .auth(rep)
    .json(&body)
    .send()
    .await
    .expect(201);
}

/// Every metric counted from hand-made data; the hand-computed values in the comments.
async fn every_metric_is_counted_from_live_data(app: TestApp) {
    let admin = app.admin().await;
    let manager = app.user(Role::SalesManager, None, None).await;
    let team = app.team("Lisbon crew", Some(manager.id)).await;
    let a = app.user(Role::SalesRep, Some(team), Some(manager.id)).await;
    let b = app.user(Role::SalesRep, Some(team), Some(manager.id)).await;

    // Rep A: won 1,000.00 (Lisbon) and 2,500.50 (Porto), lost one, one open; one won last year.
    let won1 = lead(&app, &a, "Lisbon", "1000.00", Some("won")).await;
    let won2 = lead(&app, &a, "Porto", "2500.50", Some("won")).await;
    lead(&app, &a, "Lisbon", "700.00", Some("lost")).await;
    let open = lead(&app, &a, "Lisbon", "900.00", None).await;
    let old = lead(&app, &a, "Lisbon", "5000.00", Some("won")).await;
    closed_at(&app, &old, "2025-01-15T12:00:00".parse().unwrap()).await;
    // Rep B: won 1,000.00 in Lisbon.
    lead(&app, &b, "Lisbon", "1000.00", Some("won")).await;

    // Contacts: two calls on the open lead and one on won1 (2 leads), a note (not a contact).
    for l in [&open, &open, &won1] {
        log(&app, &a, l, json!({ "kind": "call" })).await;
    }
    log(
        &app,
        &a,
        &open,
        json!({ "kind": "note", "notes": "Prefers mornings" }),
    )
    .await;
    // A visit on the calendar now (a meeting scheduled), and a call scheduled (not a visit).
    let now = closebook_api::time::now();
    let soon = (now + chrono::Duration::seconds(1)).and_utc().to_rfc3339();
    log(
        &app,
        &a,
        &open,
        json!({ "kind": "meeting", "scheduled_at": soon }),
    )
    .await;
    log(
        &app,
        &a,
        &open,
        json!({ "kind": "call", "scheduled_at": soon }),
    )
    .await;

    // An upsell sold on won1's client; satisfaction 5 and 4 on won2's.
    let client1 = won1["client_id"].as_str().unwrap();
    let upsell = app
        .post(&format!("/api/v1/clients/{client1}/upsells"))
        .auth(&a)
        .json(&json!({ "product": "Support", "price": { "amount": "100.00", "currency": "USD" } }))
        .send()
        .await
        .expect(201)
        .id();
    app.post(&format!("/api/v1/upsells/{upsell}/sold"))
        .auth(&a)
        .json(&json!({}))
        .send()
        .await
        .expect(200);
    let client2 = won2["client_id"].as_str().unwrap();
    for score in [5, 4] {
        let s = app
            .post(&format!("/api/v1/clients/{client2}/satisfaction"))
            .auth(&a)
            .json(&json!({ "score": score }))
            .send()
            .await
            .expect(201);
        let id = s.id();
        assert_eq!(
            s.header("location"),
            Some(format!("/api/v1/satisfaction-scores/{id}").as_str())
        );
    }
    app.post(&format!("/api/v1/clients/{client2}/satisfaction"))
        .auth(&a)
        .json(&json!({ "score": 6 }))
        .send()
        .await
        .problem(422, "validation_failed");
    app.post(&format!("/api/v1/clients/{client2}/satisfaction"))
        .auth(&b)
        .json(&json!({ "score": 3 }))
        .send()
        .await
        .problem(404, "not_found");

    let rep_target = |metric: &str, period: &str, value: &str| {
        json!({ "target_type": "individual", "assignee_id": a.id, "period_type": period,
            "metric_type": metric, "target_value": value })
    };
    // (target, achieved, percentage)
    let table = [
        // 2 won of 4 → 50%.
        (
            rep_target("deals_closed", "monthly", "4"),
            "2",
            Some("50.00"),
        ),
        // 2 won, 1 lost: 66.67%, 133.34% of 50.
        (
            rep_target("conversion_rate", "monthly", "50"),
            "66.67",
            Some("133.34"),
        ),
        (
            rep_target("leads_contacted", "weekly", "4"),
            "2",
            Some("50.00"),
        ),
        (
            rep_target("visits_scheduled", "monthly", "1"),
            "1",
            Some("100.00"),
        ),
        (
            rep_target("upsell_conversions", "monthly", "2"),
            "1",
            Some("50.00"),
        ),
        // (5 + 4) / 2 = 4.50 of 4: 112.50%.
        (
            rep_target("customer_satisfaction", "monthly", "4"),
            "4.50",
            Some("112.50"),
        ),
        // Revenue for a week: 3,500.50 of 7,000.
        (
            rep_target("revenue", "weekly", "7000"),
            "3500.50",
            Some("50.01"),
        ),
        // The team: A's 3,500.50 and B's 1,000.00 = 4,500.50 of 10,000 → 45.005 → 45.01.
        (
            json!({ "target_type": "team", "assignee_id": team, "period_type": "monthly",
                "metric_type": "revenue", "target_value": "10000" }),
            "4500.50",
            Some("45.01"),
        ),
        // Lisbon: A's won1 and B's win this month (Porto and last year's do not count).
        (
            json!({ "target_type": "city", "city": " lisbon ", "period_type": "monthly",
                "metric_type": "deals_closed", "target_value": "3" }),
            "2",
            Some("66.67"),
        ),
    ];
    for (body, achieved, pct) in table {
        let t = target(&app, &admin, body.clone()).await;
        assert_eq!(t["achieved_value"], achieved, "{body}");
        assert_eq!(t["achievement_percentage"], json!(pct), "{body}");
        assert_eq!(t["status"], "active", "{body}");
    }

    // A's monthly revenue target is its quota: required without one, taken from the plan with.
    let refused = app
        .post("/api/v1/targets")
        .auth(&manager)
        .json(&json!({ "target_type": "individual", "assignee_id": a.id, "period_type": "monthly", "metric_type": "revenue" }))
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(refused.fields(), ["target_value"]);
    app.quota(a.id, "5000").await;
    let disagrees = app
        .post("/api/v1/targets")
        .auth(&manager)
        .json(&json!({ "target_type": "individual", "assignee_id": a.id, "period_type": "monthly", "metric_type": "revenue", "target_value": "6000" }))
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(disagrees.fields(), ["target_value"]);
    let quota = target(
        &app,
        &manager,
        json!({ "target_type": "individual", "assignee_id": a.id, "period_type": "monthly", "metric_type": "revenue" }),
    )
    .await;
    assert_eq!(quota["target_value"], "5000.00");
    assert_eq!(quota["achieved_value"], "3500.50");
    assert_eq!(quota["achievement_percentage"], "70.01");
    let a_user = app
        .get(&format!("/api/v1/users/{}", a.id))
        .auth(&admin)
        .send()
        .await
        .expect(200);
    assert_eq!(quota["assignee_name"], a_user.body["name"]);

    // Last year's target for A: ended, so missed or achieved, and it stays as it was.
    let past = target(
        &app,
        &admin,
        json!({ "target_type": "individual", "assignee_id": a.id, "period_type": "monthly",
            "period_of": "2025-01-20", "metric_type": "deals_closed", "target_value": "1" }),
    )
    .await;
    assert_eq!(past["period_start"], "2025-01-01");
    assert_eq!(past["period_end"], "2025-01-31");
    assert_eq!(past["achieved_value"], "1");
    assert_eq!(past["status"], "achieved");
    let missed = target(
        &app,
        &admin,
        json!({ "target_type": "individual", "assignee_id": a.id, "period_type": "monthly",
            "period_of": "2025-02-01", "metric_type": "deals_closed", "target_value": "1" }),
    )
    .await;
    assert_eq!(missed["achieved_value"], "0");
    assert_eq!(missed["status"], "missed");
    let frozen = app
        .put(&format!("/api/v1/targets/{}", past["id"].as_str().unwrap()))
        .auth(&admin)
        .json(&json!({ "target_value": "2" }))
        .send()
        .await
        .problem(409, "conflict");
    assert!(frozen.body["detail"].as_str().unwrap().contains("ended"));
}

on_both_backends!(
    every_metric_is_counted_from_live_data,
    targets_are_set_by_their_managers,
    targets_are_scoped_and_the_leaderboard_ranks,
    periods_follow_the_organisations_calendar,
);
