//! The Sales Leak, follow-up discipline, the over-focus warning and the weekly scorecard from
//! hand-made data, with the values computed by hand in the comments; scope; snapshots.

use crate::common;

use chrono::Duration;
use closebook_shared::Role;
use common::{TestApp, TestUser, sql_time};
use serde_json::{Value, json};

async fn lead(app: &TestApp, rep: &TestUser, body: Value) -> String {
    app.post("/api/v1/leads")
        .auth(rep)
        .json(&body)
        .send()
        .await
        .expect(201)
        .id()
}

async fn log(app: &TestApp, rep: &TestUser, lead: &str, body: Value) -> String {
    app.post(&format!("/api/v1/leads/{lead}/activities"))
        .auth(rep)
        .json(&body)
        .send()
        .await
        .expect(201)
        .id()
}

async fn the_leak_discipline_and_scorecard_from_hand_made_data(app: TestApp) {
    let manager = app.user(Role::SalesManager, None, None).await;
    let team = app.team("Leaky", Some(manager.id)).await;
    let rep = app.user(Role::SalesRep, Some(team), Some(manager.id)).await;
    let other = app.user(Role::SalesRep, None, None).await;
    let now = closebook_api::time::now();

    // This week: two new leads (one from a referral, one with a 1,000.00 deal).
    let one = lead(
        &app,
        &rep,
        json!({ "company": "One", "deal_value": { "amount": "1000.00", "currency": "USD" } }),
    )
    .await;
    let two = lead(
        &app,
        &rep,
        json!({ "company": "Two", "source_type": "network_referral" }),
    )
    .await;
    // An older lead, made and first called 10 and 8 days ago.
    let old = lead(&app, &rep, json!({ "company": "Old" })).await;
    app.sql(format!(
        "UPDATE leads SET created_at = '{}' WHERE id = '{old}'",
        sql_time(now - Duration::days(10))
    ))
    .await;
    log(
        &app,
        &rep,
        &old,
        json!({ "kind": "call", "completed_at": (now - Duration::days(8)).and_utc().to_rfc3339() }),
    )
    .await;

    // Contacts now: a first call on One; a call on Old (not its first) promising a follow-up;
    // a call on Two promising one, then another call on Two (the follow-up done).
    log(&app, &rep, &one, json!({ "kind": "call" })).await;
    let later = (now + Duration::hours(1)).and_utc().to_rfc3339();
    let on_old = log(
        &app,
        &rep,
        &old,
        json!({ "kind": "call", "follow_up_at": later }),
    )
    .await;
    let on_two = log(
        &app,
        &rep,
        &two,
        json!({ "kind": "call", "follow_up_at": later }),
    )
    .await;
    // Both promises fall due a second before the second call on Two.
    let due = now + Duration::seconds(1);
    app.sql(format!(
        "UPDATE activities SET follow_up_at = '{}' WHERE id IN ('{on_old}', '{on_two}')",
        sql_time(due)
    ))
    .await;
    log(&app, &rep, &two, json!({ "kind": "email", "completed_at": (due + Duration::seconds(1)).and_utc().to_rfc3339() })).await;
    // Presentations: a meeting and a demo; a touch.
    log(&app, &rep, &one, json!({ "kind": "meeting" })).await;
    log(&app, &rep, &one, json!({ "kind": "demo" })).await;
    app.post(&format!("/api/v1/leads/{two}/touches"))
        .auth(&rep)
        .json(&json!({ "kind": "check_in" }))
        .send()
        .await
        .expect(201);
    // Someone else's week does not count.
    let theirs = lead(&app, &other, json!({ "company": "Theirs" })).await;
    log(&app, &other, &theirs, json!({ "kind": "meeting" })).await;

    // Wait for the promises to fall due (a second).
    actix_web::rt::time::sleep(std::time::Duration::from_millis(2100)).await;
    let leak = app
        .get(&format!("/api/v1/analytics/sales-leak?rep_id={}", rep.id))
        .auth(&manager)
        .send()
        .await
        .expect(200)
        .body;
    let c = &leak["counts"];
    // Created: One, Two → 2; first contacted: One, Two (Old was called before) → 2; new
    // contacts: {One, Two} ∪ {One, Two} = 2.
    assert_eq!(c["prospecting"], 2);
    assert_eq!(c["first_contacts"], 2);
    assert_eq!(c["new_contacts"], 2);
    assert_eq!(c["presentations"], 2);
    // Two promises due; Two's was followed by the email, Old's by nothing.
    assert_eq!(c["follow_ups_due"], 2);
    assert_eq!(c["follow_ups_done"], 1);
    assert_eq!(c["referral_leads"], 1);
    assert_eq!(c["relationship_touches"], 1);
    assert_eq!(leak["reps"], 1);
    // Prospecting: 3 of 5 short (60%) beats follow-ups: 1 of 2 (50%).
    assert_eq!(leak["leak"]["stage"], "PROSPECTING");
    assert_eq!(
        leak["leak_line"],
        "Leak = Prospecting (2 new contacts, target 5)"
    );
    // Discipline: 1 of 2 on time (50%); no lead needs a next date yet; all 3 open leads had
    // activity this week (100%); composite (50 + 100) / 2 = 75.
    let d = &leak["discipline"];
    assert_eq!(d["pct_on_time"], "50.0");
    assert_eq!(d["pct_with_next_date"], Value::Null);
    assert_eq!(d["pct_with_notes"], "100.0");
    assert_eq!(d["composite"], 75);
    assert_eq!(leak["overfocus_warning"], Value::Null);
    let prospecting = leak["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["stage"] == "PROSPECTING")
        .unwrap();
    assert_eq!(prospecting["now"], 3);

    // Two more demos: 4 presentations in 7 days, over the threshold of 3, with 2 new contacts.
    log(&app, &rep, &one, json!({ "kind": "demo" })).await;
    log(&app, &rep, &two, json!({ "kind": "proposal" })).await;
    let leak = app
        .get("/api/v1/analytics/sales-leak")
        .auth(&rep)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(leak["counts"]["presentations"], 4);
    assert!(
        leak["overfocus_warning"]
            .as_str()
            .unwrap()
            .starts_with("You are over-indexing on presentation (4 in 7 days, 2 new contacts")
    );

    // The scorecard: new contacts in 7 days are One and Two (Old's first call was 8 days ago).
    let card = app
        .get("/api/v1/analytics/scorecard")
        .auth(&rep)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(card["new_contacts_7d"], 2);
    assert_eq!(card["deals_won_90d"], 0);
    assert_eq!(card["follow_ups_on_time_pct"], "50.0");
    assert_eq!(card["cash_collected"]["amount"], "0.00");
    let probability = app
        .get(&format!("/api/v1/leads/{one}"))
        .auth(&rep)
        .send()
        .await
        .expect(200)
        .body["probability"]
        .as_i64()
        .unwrap();
    // 1,000.00 × probability %.
    assert_eq!(
        card["pipeline_value"]["amount"],
        format!("{}.00", 10 * probability)
    );
    assert_eq!(
        card["leak_line"],
        "Leak = Prospecting (2 new contacts, target 5)"
    );

    // Scope: a rep sees only itself; the manager its team.
    app.get(&format!("/api/v1/analytics/sales-leak?rep_id={}", other.id))
        .auth(&rep)
        .send()
        .await
        .problem(404, "not_found");
    let by_team = app
        .get(&format!("/api/v1/analytics/sales-leak?team_id={team}"))
        .auth(&manager)
        .send()
        .await
        .expect(200);
    assert_eq!(by_team.body["counts"]["presentations"], 4);
    app.get(&format!("/api/v1/analytics/sales-leak?team_id={team}"))
        .auth(&other)
        .send()
        .await
        .problem(404, "not_found");

    // The weekly job stores last week's scorecard once per rep; history reads it back.
    let stored = app
        .state
        .db
        .write(|c| closebook_api::domain::analytics::snapshot_week(c, "test"))
        .await
        .unwrap();
    assert!(stored.is_some_and(|n| n >= 2), "{stored:?}");
    let again = app
        .state
        .db
        .write(|c| closebook_api::domain::analytics::snapshot_week(c, "test"))
        .await
        .unwrap();
    assert_eq!(again, None, "a week is stored once");
    let history = app
        .get(&format!(
            "/api/v1/analytics/scorecard/history?rep_id={}",
            rep.id
        ))
        .auth(&manager)
        .send()
        .await
        .expect(200)
        .body;
    let weeks = history["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 1);
    assert_eq!(weeks[0]["reps"], 1);
    // Last week: Old's first call was 8 days ago, within 7 days of last week's end.
    assert_eq!(weeks[0]["new_contacts_7d"], 1);
    app.get("/api/v1/analytics/scorecard/history?weeks=0")
        .auth(&manager)
        .send()
        .await
        .problem(400, "bad_request");
}

on_both_backends!(the_leak_discipline_and_scorecard_from_hand_made_data);
