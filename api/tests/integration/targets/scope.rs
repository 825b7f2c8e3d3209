//! Who sets and sees targets, edits with versions, and the leaderboard's ranks.

use closebook_shared::Role;
use serde_json::json;

use super::common::TestApp;
use super::{lead, target};

pub async fn targets_are_set_by_their_managers(app: TestApp) {
    let manager = app.user(Role::SalesManager, None, None).await;
    let team = app.team("North", Some(manager.id)).await;
    let rep = app.user(Role::SalesRep, Some(team), Some(manager.id)).await;
    let other_manager = app.user(Role::SalesManager, None, None).await;
    let stranger = app.user(Role::SalesRep, None, Some(other_manager.id)).await;
    let body = |assignee: uuid::Uuid| {
        json!({ "target_type": "individual", "assignee_id": assignee, "period_type": "weekly",
            "metric_type": "deals_closed", "target_value": "3" })
    };
    // Reps and finance set none.
    app.post("/api/v1/targets")
        .auth(&rep)
        .json(&body(rep.id))
        .send()
        .await
        .problem(403, "forbidden");
    // A manager sets its people's, not its own nor another team's.
    for who in [manager.id, stranger.id] {
        let refused = app
            .post("/api/v1/targets")
            .auth(&manager)
            .json(&body(who))
            .send()
            .await
            .problem(409, "invalid_reference");
        assert_eq!(refused.fields(), ["assignee_id"]);
    }
    let created = app
        .post("/api/v1/targets")
        .auth(&manager)
        .json(&body(rep.id))
        .send()
        .await
        .expect(201);
    let id = created.id();
    assert_eq!(
        created.header("location"),
        Some(format!("/api/v1/targets/{id}").as_str())
    );
    assert_eq!(created.body["version"], 1);
    // One live target per subject, period and metric.
    let twin = app
        .post("/api/v1/targets")
        .auth(&manager)
        .json(&body(rep.id))
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(twin.fields(), ["metric_type"]);
    // Values that do not fit the metric, and shapes that do not fit the type.
    for (bad, field) in [
        (json!({ "target_value": "2.5" }), "target_value"),
        (json!({ "target_value": "0" }), "target_value"),
        (
            json!({ "metric_type": "conversion_rate", "target_value": "101" }),
            "target_value",
        ),
        (json!({ "city": "Oslo" }), "city"),
        (json!({ "assignee_id": null }), "assignee_id"),
    ] {
        let mut b = body(rep.id);
        for (k, v) in bad.as_object().unwrap() {
            b[k] = v.clone();
        }
        let refused = app
            .post("/api/v1/targets")
            .auth(&manager)
            .json(&b)
            .send()
            .await
            .problem(422, "validation_failed");
        assert_eq!(refused.fields(), [field], "{b}");
    }

    // Edits carry the version; a stale one is 412, nothing written.
    let path = format!("/api/v1/targets/{id}");
    let changed = app
        .put(&path)
        .auth(&manager)
        .json(&json!({ "target_value": "5", "version": 1 }))
        .send()
        .await
        .expect(200);
    assert_eq!(changed.body["target_value"], "5");
    assert_eq!(changed.body["version"], 2);
    app.put(&path)
        .auth(&manager)
        .json(&json!({ "target_value": "6", "version": 1 }))
        .send()
        .await
        .problem(412, "version_mismatch");
    // Another manager neither sees nor changes it.
    app.put(&path)
        .auth(&other_manager)
        .json(&json!({ "target_value": "6" }))
        .send()
        .await
        .problem(404, "not_found");
    // Cancelled, it frees the subject; undoing the cancel while another is live is refused.
    let cancelled = app
        .put(&path)
        .auth(&manager)
        .json(&json!({ "cancelled": true }))
        .send()
        .await
        .expect(200);
    assert_eq!(cancelled.body["status"], "cancelled");
    target(&app, &manager, body(rep.id)).await;
    let undo = app
        .put(&path)
        .auth(&manager)
        .json(&json!({ "cancelled": false }))
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(undo.fields(), ["cancelled"]);
    let listed = app
        .get("/api/v1/targets?include_cancelled=true")
        .auth(&manager)
        .send()
        .await
        .expect(200);
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 2);
    let live = app
        .get("/api/v1/targets")
        .auth(&manager)
        .send()
        .await
        .expect(200);
    assert_eq!(live.body["items"].as_array().unwrap().len(), 1);

    // A team it runs, and the team's city.
    target(
        &app,
        &manager,
        json!({ "target_type": "team", "assignee_id": team, "period_type": "quarterly",
            "metric_type": "deals_closed", "target_value": "30" }),
    )
    .await;
    let elsewhere = app
        .post("/api/v1/targets")
        .auth(&manager)
        .json(
            &json!({ "target_type": "city", "city": "Oslo", "period_type": "monthly",
            "metric_type": "deals_closed", "target_value": "3" }),
        )
        .send()
        .await
        .problem(403, "forbidden");
    assert_eq!(elsewhere.fields(), ["city"]);
}

pub async fn targets_are_scoped_and_the_leaderboard_ranks(app: TestApp) {
    let admin = app.admin().await;
    let manager = app.user(Role::SalesManager, None, None).await;
    let team = app.team("Closers", Some(manager.id)).await;
    let reps = [
        app.user(Role::SalesRep, Some(team), Some(manager.id)).await,
        app.user(Role::SalesRep, Some(team), Some(manager.id)).await,
        app.user(Role::SalesRep, Some(team), Some(manager.id)).await,
    ];
    let loner = app.user(Role::SalesRep, None, None).await;
    // Deals won: 2, 2 and 1; the loner 3.
    for (rep, n) in reps.iter().zip([2, 2, 1]).chain([(&loner, 3)]) {
        for _ in 0..n {
            lead(&app, rep, "Faro", "100.00", Some("won")).await;
        }
    }
    let mut ids = Vec::new();
    for rep in reps.iter().chain([&loner]) {
        ids.push(
            target(
                &app,
                &admin,
                json!({ "target_type": "individual", "assignee_id": rep.id, "period_type": "monthly",
                    "metric_type": "deals_closed", "target_value": "4" }),
            )
            .await["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let team_target = target(
        &app,
        &admin,
        json!({ "target_type": "team", "assignee_id": team, "period_type": "monthly",
            "metric_type": "deals_closed", "target_value": "10" }),
    )
    .await;
    assert_eq!(team_target["achieved_value"], "5");

    // A rep sees its own and its team's, not a teammate's.
    let r0 = &reps[0];
    let mine = app.get("/api/v1/targets").auth(r0).send().await.expect(200);
    let seen: Vec<&str> = mine.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["target_type"].as_str().unwrap())
        .collect();
    assert_eq!(seen, ["team", "individual"]);
    app.get(&format!("/api/v1/targets/{}", ids[1]))
        .auth(r0)
        .send()
        .await
        .problem(404, "not_found");
    app.get(&format!("/api/v1/targets/rm/{}", reps[1].id))
        .auth(r0)
        .send()
        .await
        .problem(404, "not_found");
    let rm = app
        .get(&format!("/api/v1/targets/rm/{}", reps[1].id))
        .auth(&manager)
        .send()
        .await
        .expect(200);
    assert_eq!(rm.body["items"][0]["id"], ids[1].as_str());
    let of_team = app
        .get(&format!("/api/v1/targets/team/{team}"))
        .auth(r0)
        .send()
        .await
        .expect(200);
    assert_eq!(of_team.body["items"][0]["id"], team_target["id"]);
    app.get(&format!("/api/v1/targets/team/{team}"))
        .auth(&loner)
        .send()
        .await
        .problem(404, "not_found");
    let partner = app.user(Role::Partner, None, None).await;
    app.get("/api/v1/targets")
        .auth(&partner)
        .send()
        .await
        .problem(403, "forbidden");

    // The rep's board is its team: 2, 2, 1 → ranks 1, 1, 3; its own line in `me`.
    let board = app
        .get("/api/v1/targets/leaderboard?metric=deals_closed&period=monthly")
        .auth(&reps[2])
        .send()
        .await
        .expect(200);
    let ranks: Vec<(u64, &str, &str)> = board.body["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["rank"].as_u64().unwrap(),
                e["value"].as_str().unwrap(),
                e["percent_of_quota"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        ranks,
        [(1, "2", "50.00"), (1, "2", "50.00"), (3, "1", "25.00")]
    );
    assert_eq!(board.body["ranked"], 3);
    assert_eq!(board.body["me"]["rank"], 3);
    assert_eq!(board.body["me"]["rep_id"], reps[2].id.to_string());
    // The admin's board is everyone; top=1 lists the loner alone.
    let top = app
        .get("/api/v1/targets/leaderboard?metric=deals_closed&period=monthly&top=1")
        .auth(&admin)
        .send()
        .await
        .expect(200);
    assert_eq!(top.body["ranked"], 4);
    assert_eq!(top.body["entries"].as_array().unwrap().len(), 1);
    assert_eq!(top.body["entries"][0]["rep_id"], loner.id.to_string());
    assert_eq!(top.body["entries"][0]["percent_of_quota"], "75.00");
    assert_eq!(top.body["me"], serde_json::Value::Null);
    app.get("/api/v1/targets/leaderboard?metric=deals_closed&period=monthly&top=0")
        .auth(&admin)
        .send()
        .await
        .problem(400, "bad_request");
    app.get("/api/v1/targets/leaderboard?metric=deals&period=monthly")
        .auth(&admin)
        .send()
        .await
        .problem(400, "bad_request");
}
