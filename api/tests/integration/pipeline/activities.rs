//! Activities and their effect on follow-up fields; notes privacy, touches, referral asks.

use super::*;

pub(super) async fn activities_drive_follow_up_fields(app: TestApp) {
    let o = org(&app).await;
    let lead = new_lead(&app, &o.rep, json!({ "company": "Active", "contact_name": "Jo", "next_contact_at": (Utc::now() - Duration::hours(1)).to_rfc3339() })).await;
    let lid = id(&lead);
    let acts = format!("/api/v1/leads/{lid}/activities");
    let due = app
        .get("/api/v1/leads?follow_up_due=true")
        .auth(&o.rep)
        .send()
        .await
        .expect(200);
    assert_eq!(due.body["items"].as_array().unwrap().len(), 1);

    // A completed call with a follow-up date.
    let follow = (Utc::now() + Duration::days(3)).to_rfc3339();
    let call = app.post(&acts).auth(&o.rep).json(&json!({ "kind": "call", "outcome": "positive", "duration_minutes": 12, "notes": "Keen", "follow_up_at": follow, "follow_up_note": "Send proposal" })).send().await.expect(201);
    assert_eq!(call.body["company"], "Active");
    let l = app
        .get(&format!("/api/v1/leads/{lid}"))
        .auth(&o.rep)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(l["follow_up_count"], 1);
    assert!(l["last_contact_at"].is_string());
    assert_eq!(l["next_action"], "Send proposal");
    assert_eq!(l["score_factors"]["engagement"], 5);
    assert_eq!(l["score_factors"]["recency"], 20);
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(l["next_contact_at"].as_str().unwrap())
            .unwrap()
            .timestamp(),
        chrono::DateTime::parse_from_rfc3339(&follow)
            .unwrap()
            .timestamp()
    );

    // A note is not a contact.
    app.post(&acts)
        .auth(&o.rep)
        .json(&json!({ "kind": "note", "notes": "internal" }))
        .send()
        .await
        .expect(201);
    // A scheduled demo tomorrow lands on tomorrow's schedule.
    let tomorrow = (Utc::now() + Duration::days(1))
        .date_naive()
        .and_hms_opt(14, 0, 0)
        .unwrap()
        .and_utc();
    app.post("/api/v1/activities").auth(&o.rep).json(&json!({ "lead_id": lid, "kind": "demo", "scheduled_at": tomorrow.to_rfc3339(), "location": "Their office" })).send().await.expect(201);
    let l = app
        .get(&format!("/api/v1/leads/{lid}"))
        .auth(&o.rep)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(
        l["follow_up_count"], 1,
        "a scheduled activity is not a contact yet"
    );

    let from = tomorrow
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    let day = app
        .get(&format!(
            "/api/v1/activities?from={}",
            from.to_rfc3339().replace('+', "%2B")
        ))
        .auth(&o.rep)
        .send()
        .await
        .expect(200);
    let kinds: Vec<&str> = day.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["demo"]);
    let timeline = app
        .get(&format!("{acts}?kind=call,note"))
        .auth(&o.rep)
        .send()
        .await
        .expect(200);
    let kinds: Vec<&str> = timeline.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["note", "call"]);
    app.get(&format!("{acts}?kind=smoke_signal"))
        .auth(&o.rep)
        .send()
        .await
        .problem(400, "bad_request");

    // Bad input and scope.
    let future = (Utc::now() + Duration::hours(2)).to_rfc3339();
    let past = (Utc::now() - Duration::hours(2)).to_rfc3339();
    for (body, field) in [
        (
            json!({ "kind": "call", "completed_at": future }),
            "completed_at",
        ),
        (
            json!({ "kind": "call", "follow_up_at": past }),
            "follow_up_at",
        ),
        (
            json!({ "kind": "call", "duration_minutes": -1 }),
            "duration_minutes",
        ),
        (json!({ "kind": "fax" }), "kind"),
    ] {
        let res = app
            .post(&acts)
            .auth(&o.rep)
            .json(&body)
            .send()
            .await
            .problem(422, "validation_failed");
        assert_eq!(res.fields(), [field], "{body}");
    }
    let quick = app
        .post("/api/v1/activities")
        .auth(&o.rep)
        .json(&json!({ "kind": "call" }))
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(quick.fields(), ["lead_id"]);
    let hidden = app
        .post("/api/v1/activities")
        .auth(&o.other_rep)
        .json(&json!({ "kind": "call", "lead_id": lid }))
        .send()
        .await
        .problem(409, "invalid_reference");
    assert_eq!(hidden.fields(), ["lead_id"]);
    app.post(&acts)
        .auth(&o.other_rep)
        .json(&json!({ "kind": "call" }))
        .send()
        .await
        .problem(404, "not_found");
    app.get(&format!("/api/v1/activities?user_id={}", o.rep.id))
        .auth(&o.manager)
        .send()
        .await
        .expect(200);
    app.get(&format!("/api/v1/activities?user_id={}", o.rep.id))
        .auth(&o.other_manager)
        .send()
        .await
        .problem(403, "forbidden");
    app.get("/api/v1/activities")
        .auth(&o.finance)
        .send()
        .await
        .problem(403, "forbidden");

    // A completed contact without a new date satisfies the due follow-up: the lead needs a date.
    app.patch(&format!("/api/v1/leads/{lid}/stage"))
        .auth(&o.rep)
        .json(&json!({ "stage_id": CONTACTED }))
        .send()
        .await
        .expect(200);
    app.patch(&format!("/api/v1/leads/{lid}"))
        .auth(&o.rep)
        .json(&json!({ "next_contact_at": (Utc::now() + Duration::minutes(1)).to_rfc3339() }))
        .send()
        .await
        .expect(200);
    app.post(&acts)
        .auth(&o.rep)
        .json(&json!({ "kind": "email", "outcome": "neutral" }))
        .send()
        .await
        .expect(201);
    let l = app
        .get(&format!("/api/v1/leads/{lid}"))
        .auth(&o.rep)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(l["next_contact_at"], Value::Null);
    assert_eq!(l["incomplete"], true);
    assert_eq!(l["follow_up_count"], 2);
}

pub(super) async fn notes_touches_and_referrals(app: TestApp) {
    let o = org(&app).await;
    let lead = new_lead(&app, &o.rep, json!({ "company": "Private" })).await;
    let lid = id(&lead);
    let notes = format!("/api/v1/leads/{lid}/notes");
    let rep_note = app
        .post(&notes)
        .auth(&o.rep)
        .json(&json!({ "body": "Rep's own thoughts" }))
        .send()
        .await
        .expect(201);
    app.post(&notes)
        .auth(&o.manager)
        .json(&json!({ "body": "Manager's view" }))
        .send()
        .await
        .expect(201);
    app.post(&notes)
        .auth(&o.rep)
        .json(&json!({ "body": "   " }))
        .send()
        .await
        .problem(422, "validation_failed");
    let bodies = |res: common::Res| -> Vec<String> {
        res.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["body"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        bodies(app.get(&notes).auth(&o.rep).send().await.expect(200)),
        ["Rep's own thoughts"]
    );
    assert_eq!(
        bodies(app.get(&notes).auth(&o.manager).send().await.expect(200)),
        ["Manager's view"]
    );
    assert_eq!(
        bodies(app.get(&notes).auth(&o.admin).send().await.expect(200)),
        ["Manager's view", "Rep's own thoughts"]
    );
    app.get(&notes)
        .auth(&o.teammate)
        .send()
        .await
        .problem(404, "not_found");

    let touches = format!("/api/v1/leads/{lid}/touches");
    let touch = app
        .post(&touches)
        .auth(&o.rep)
        .json(&json!({ "kind": "congratulation", "notes": "New store" }))
        .send()
        .await
        .expect(201);
    app.post(&touches)
        .auth(&o.rep)
        .json(&json!({ "kind": "gift" }))
        .send()
        .await
        .problem(422, "validation_failed");
    let t = app.get(&touches).auth(&o.manager).send().await.expect(200);
    assert_eq!(t.body["items"][0]["kind"], "congratulation");
    app.post(&touches)
        .auth(&o.partner)
        .json(&json!({ "kind": "invite" }))
        .send()
        .await
        .problem(403, "forbidden");

    // Each new record's `Location` names it; who may read it there is who sees it on the lead
    // (notes stay private to their author and admins).
    let activity = app
        .post(&format!("/api/v1/leads/{lid}/activities"))
        .auth(&o.rep)
        .json(&json!({ "kind": "email" }))
        .send()
        .await
        .expect(201);
    let lead_readers = [
        (&o.rep, 200),
        (&o.admin, 200),
        (&o.manager, 200),
        (&o.teammate, 404),
    ];
    let table = [
        (
            &rep_note,
            [
                (&o.rep, 200),
                (&o.admin, 200),
                (&o.manager, 404),
                (&o.teammate, 404),
            ],
        ),
        (&touch, lead_readers),
        (&activity, lead_readers),
    ];
    for (created, readers) in table {
        let location = created
            .header("location")
            .expect("a 201 names what it made");
        for (who, status) in readers {
            let read = app.get(location).auth(who).send().await.expect(status);
            if status == 200 {
                assert_eq!(read.body, created.body, "GET {location}");
            }
        }
    }

    app.post(&format!("/api/v1/leads/{lid}/outcome"))
        .auth(&o.rep)
        .json(&json!({ "outcome": "won" }))
        .send()
        .await
        .expect(200);
    let ask = format!("/api/v1/leads/{lid}/referral-ask");
    let asked = app
        .post(&ask)
        .auth(&o.rep)
        .json(&json!({ "status": "asked" }))
        .send()
        .await
        .expect(200);
    assert_eq!(asked.body["referral_ask_status"], "asked");
    assert!(asked.body["referral_ask_at"].is_string());
    // "Received" with no referral recorded yet, and none given: a conflict with the lead's state.
    let none = app
        .post(&ask)
        .auth(&o.rep)
        .json(&json!({ "status": "received" }))
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(none.fields(), ["count"]);
    let got = app
        .post(&ask)
        .auth(&o.rep)
        .json(&json!({ "status": "received", "names": ["Ann", "Bo"] }))
        .send()
        .await
        .expect(200);
    assert_eq!(got.body["referral_count"], 2);
    assert_eq!(got.body["display_sales_stage"], "RELATIONSHIP_MAINTENANCE");
    assert_eq!(
        got.body["referral_ask_at"], asked.body["referral_ask_at"],
        "the first ask's time is kept"
    );
    app.post(&ask)
        .auth(&o.other_rep)
        .json(&json!({ "status": "asked" }))
        .send()
        .await
        .problem(404, "not_found");
}
