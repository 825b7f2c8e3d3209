//! Periods are the organisation's: local midnights in its time zone, weeks from its first
//! weekday, across a daylight-saving change and a year boundary.

use closebook_shared::Role;
use serde_json::json;

use super::common::TestApp;
use super::{closed_at, lead, target};

pub async fn periods_follow_the_organisations_calendar(app: TestApp) {
    let admin = app.admin().await;
    let settings = app
        .get("/api/v1/settings")
        .auth(&admin)
        .send()
        .await
        .expect(200);
    app.patch("/api/v1/settings")
        .auth(&admin)
        .json(&json!({ "time_zone": "America/New_York", "version": settings.body["version"] }))
        .send()
        .await
        .expect(200);
    let rep = app.user(Role::SalesRep, None, None).await;
    // New York leaves summer time at 02:00 on Sunday 1 November 2026: the week of Monday
    // 26 October runs from 04:00 UTC on the 26th (EDT) to 05:00 UTC on 2 November (EST),
    // 169 hours. The fourth quarter ends at 05:00 UTC on 1 January 2027.
    // (closed at UTC, counts in the week, counts in the quarter)
    let table = [
        ("2026-10-26T03:59:59", false, true), // Sunday 25th, 23:59:59 EDT
        ("2026-10-26T04:00:00", true, true),  // Monday 26th, midnight EDT
        ("2026-11-02T04:59:59", true, true),  // Sunday 1st, 23:59:59 EST
        ("2026-11-02T05:00:00", false, true), // Monday 2nd, midnight EST
        ("2027-01-01T04:59:59", false, true), // New Year's Eve, 23:59:59 EST
        ("2027-01-01T05:00:00", false, false), // New Year's Day
        ("2026-10-01T03:59:59", false, false), // 30 September, 23:59:59 EDT
    ];
    for (at, _, _) in table {
        let won = lead(&app, &rep, "Albany", "10.00", Some("won")).await;
        closed_at(&app, &won, at.parse().unwrap()).await;
    }
    let weekly = target(
        &app,
        &admin,
        json!({ "target_type": "individual", "assignee_id": rep.id, "period_type": "weekly",
            "period_of": "2026-10-29", "metric_type": "deals_closed", "target_value": "1" }),
    )
    .await;
    assert_eq!(weekly["period_start"], "2026-10-26");
    assert_eq!(weekly["period_end"], "2026-11-01");
    let in_week = table.iter().filter(|(_, w, _)| *w).count();
    assert_eq!(weekly["achieved_value"], in_week.to_string());
    let quarter = target(
        &app,
        &admin,
        json!({ "target_type": "individual", "assignee_id": rep.id, "period_type": "quarterly",
            "period_of": "2026-11-15", "metric_type": "revenue", "target_value": "100" }),
    )
    .await;
    assert_eq!(quarter["period_start"], "2026-10-01");
    assert_eq!(quarter["period_end"], "2026-12-31");
    let in_quarter = table.iter().filter(|(_, _, q)| *q).count();
    assert_eq!(quarter["achieved_value"], format!("{}.00", in_quarter * 10));

    // Weeks start on the organisation's first weekday: from Sunday, the week of Thursday
    // 29 October 2026 is Sunday 25th to Saturday 31st.
    let settings = app
        .get("/api/v1/settings")
        .auth(&admin)
        .send()
        .await
        .expect(200);
    app.patch("/api/v1/settings")
        .auth(&admin)
        .json(&json!({ "week_start": "sunday", "version": settings.body["version"] }))
        .send()
        .await
        .expect(200);
    let sunday = target(
        &app,
        &admin,
        json!({ "target_type": "individual", "assignee_id": rep.id, "period_type": "weekly",
            "period_of": "2026-10-29", "metric_type": "leads_contacted", "target_value": "1" }),
    )
    .await;
    assert_eq!(sunday["period_start"], "2026-10-25");
    assert_eq!(sunday["period_end"], "2026-10-31");
}
