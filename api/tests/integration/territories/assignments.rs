//! Who works a territory: assignments, the primary flag, ending one, history.

use closebook_shared::Role;
use serde_json::{Value, json};

use super::common::TestApp;
use super::draw;

pub(crate) async fn assignments_keep_their_history(app: TestApp) {
    let manager = app.user(Role::SalesManager, None, None).await;
    let team = app.team("Field", Some(manager.id)).await;
    let rep = app.user(Role::SalesRep, Some(team), None).await;
    let finance = app.user(Role::Finance, None, None).await;
    let first = draw(&app, &manager, json!({ "name": "First", "kind": "region" })).await;
    let second = draw(
        &app,
        &manager,
        json!({ "name": "Second", "kind": "region" }),
    )
    .await;
    let assign = |t: &Value, body: Value| {
        let path = format!(
            "/api/v1/territories/{}/assignments",
            t["id"].as_str().unwrap()
        );
        let (app, manager) = (&app, &manager);
        async move { app.post(&path).auth(manager).json(&body).send().await }
    };
    let made = assign(&first, json!({ "user_id": rep.id, "role": "owner", "is_primary": true, "effective_from": "2026-01-01" }))
        .await
        .expect(201);
    let assignment = made.body["id"].as_str().unwrap().to_owned();
    assert_eq!(
        made.header("location"),
        Some(format!("/api/v1/territory-assignments/{assignment}").as_str())
    );
    assert!(
        made.body["user_name"]
            .as_str()
            .is_some_and(|n| !n.is_empty())
    );
    // The primary flag moves to the newer primary assignment.
    assign(&second, json!({ "user_id": rep.id, "role": "contributor", "is_primary": true, "effective_from": "2026-02-01" }))
        .await
        .expect(201);
    let old = app
        .get(&format!("/api/v1/territory-assignments/{assignment}"))
        .auth(&manager)
        .send()
        .await
        .expect(200);
    assert_eq!(old.body["is_primary"], false);

    let table = [
        (
            json!({ "user_id": finance.id, "role": "owner" }),
            409,
            "user_id",
        ),
        (
            json!({ "user_id": "01a21b3c-f61e-7795-a436-373f270638c2", "role": "owner" }),
            409,
            "user_id",
        ),
        (json!({ "user_id": rep.id, "role": "boss" }), 422, "role"),
        (
            json!({ "user_id": rep.id, "role": "viewer", "effective_from": "2026-03-02", "effective_to": "2026-03-01" }),
            422,
            "effective_to",
        ),
    ];
    for (body, status, field) in table {
        let res = assign(&first, body.clone()).await.expect(status);
        assert!(
            res.fields().contains(&field.to_owned()),
            "{body}: {:?}",
            res.body
        );
    }

    let end = format!("/api/v1/territory-assignments/{assignment}/end");
    let ended = app
        .post(&end)
        .auth(&manager)
        .json(&json!({ "effective_to": "2026-03-31" }))
        .send()
        .await
        .expect(200);
    assert_eq!(ended.body["effective_to"], "2026-03-31");
    app.post(&end)
        .auth(&manager)
        .json(&json!({ "effective_to": "2026-04-30" }))
        .send()
        .await
        .problem(409, "conflict");
    let history = app
        .get(&format!(
            "/api/v1/territories/{}/assignments",
            first["id"].as_str().unwrap()
        ))
        .auth(&rep)
        .send()
        .await
        .expect(200);
    assert_eq!(
        history.body.as_array().unwrap().len(),
        1,
        "an ended assignment stays in the history"
    );
    assert_eq!(history.body[0]["effective_to"], "2026-03-31");
}
