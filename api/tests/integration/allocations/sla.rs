//! LAR-006: an allocation nobody acts on within two hours moves on.

use chrono::Duration;
use closebook_api::domain::allocations::expire_lapsed;
use serde_json::json;

use super::common::TestApp;
use super::{allocations_of, id, new_lead, world};

async fn monitor_after(app: &TestApp, hours: i64) -> usize {
    let at = closebook_api::time::now() + Duration::hours(hours);
    app.db()
        .write(move |c| expire_lapsed(c, at, 100))
        .await
        .unwrap()
}

pub(crate) async fn an_unanswered_allocation_expires_and_moves_on(app: TestApp) {
    let w = world(&app, 2).await;
    let (r0, r1) = (&w.reps[0], &w.reps[1]);
    let idle = new_lead(&app, &w, "Idle").await;
    let accepted = new_lead(&app, &w, "Accepted").await;
    let worked = new_lead(&app, &w, "Worked").await;
    assert_eq!(accepted["owner_id"], r1.id.to_string());
    let accepted_id = id(&allocations_of(&app, &w, &accepted).await[0]);
    app.patch(&format!("/api/v1/allocations/{accepted_id}/accept"))
        .auth(r1)
        .send()
        .await
        .expect(200);
    // Logging a call is an action: the allocation becomes active.
    app.post(&format!("/api/v1/leads/{}/activities", id(&worked)))
        .auth(r0)
        .json(&json!({ "kind": "call" }))
        .send()
        .await
        .expect(201);
    let active = &allocations_of(&app, &w, &worked).await[0];
    assert_eq!(active["status"], "active");
    assert!(active["first_action_at"].is_string());

    assert_eq!(monitor_after(&app, 1).await, 0, "within the two hours");
    assert_eq!(monitor_after(&app, 3).await, 1, "only the idle one lapsed");
    let history = allocations_of(&app, &w, &idle).await;
    assert_eq!(history[1]["status"], "expired");
    assert_eq!(history[0]["rm_id"], r1.id.to_string(), "the other rep");
    assert_eq!(history[0]["status"], "pending");
    assert_eq!(
        history[0]["reassignment_reason"],
        "SLA lapsed with no action (LAR-006)"
    );
    let told = app.get("/api/v1/notifications").auth(r0).send().await.body;
    assert_eq!(told["items"][0]["kind"], "allocation_expired");
    assert_eq!(told["items"][0]["title"], "Expired: Idle");
    let lead = app
        .get(&format!("/api/v1/leads/{}", id(&idle)))
        .auth(r1)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(lead["owner_id"], r1.id.to_string());

    // The second rep lets it lapse too: nobody is left, it overflows; then nothing is pending.
    assert_eq!(monitor_after(&app, 5).await, 1);
    let history = allocations_of(&app, &w, &idle).await;
    assert_eq!(history[0]["status"], "escalated");
    assert_eq!(monitor_after(&app, 8).await, 0);
    let kept = app
        .get(&format!("/api/v1/allocations/{accepted_id}"))
        .auth(r1)
        .send()
        .await
        .body;
    assert_eq!(
        kept["status"], "accepted",
        "an accepted allocation does not lapse"
    );
}
