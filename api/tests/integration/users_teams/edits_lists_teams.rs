//! Concurrent edits, the user list's filters and pages, and teams.

use super::*;

pub(super) async fn concurrent_edits_are_caught(app: TestApp) {
    let admin = app.admin().await;
    let rep = app.user(Role::SalesRep, None, None).await;
    let path = format!("/api/v1/users/{}", rep.id);
    app.patch(&path)
        .auth(&admin)
        .json(&json!({ "version": 1, "title": "AE" }))
        .send()
        .await
        .expect(200);
    // A second editor still holding version 1 is told, by body or by If-Match.
    app.patch(&path)
        .auth(&admin)
        .json(&json!({ "version": 1, "title": "Senior AE" }))
        .send()
        .await
        .problem(412, "version_mismatch");
    app.patch(&path)
        .auth(&admin)
        .header("if-match", "\"1\"")
        .json(&json!({ "title": "Senior AE" }))
        .send()
        .await
        .problem(412, "version_mismatch");
    app.patch(&path)
        .auth(&admin)
        .header("if-match", "\"2\"")
        .json(&json!({ "title": "Senior AE" }))
        .send()
        .await
        .expect(200);
    app.patch(&path)
        .auth(&admin)
        .header("if-match", "\"3\"")
        .json(&json!({ "version": 2, "title": "x" }))
        .send()
        .await
        // Two different versions cannot both be current: the precondition fails.
        .problem(412, "version_mismatch");
    app.patch(&path)
        .auth(&admin)
        .header("if-match", "garbage")
        .json(&json!({ "title": "x" }))
        .send()
        .await
        .problem(400, "bad_request");
    let got = app.get(&path).auth(&admin).send().await.expect(200);
    assert_eq!(got.body["title"], "Senior AE");
    assert_eq!(got.body["version"], 3);
}

pub(super) async fn user_list_filters_and_pages(app: TestApp) {
    let admin = app.admin().await;
    let team = app.team("Pagers", None).await;
    for i in 0..7 {
        let mut body = new_user(&format!("pager{i}@example.com"));
        body["name"] = json!(format!("Pager {i:02}"));
        body["team_id"] = json!(team);
        app.post("/api/v1/users")
            .auth(&admin)
            .json(&body)
            .send()
            .await
            .expect(201);
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/users?team_id={team}&limit=3&cursor={c}"),
            None => format!("/api/v1/users?team_id={team}&limit=3"),
        };
        let page = app.get(&path).auth(&admin).send().await.expect(200).body;
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u["name"].as_str().unwrap().to_owned()),
        );
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    let want: Vec<String> = (0..7).map(|i| format!("Pager {i:02}")).collect();
    assert_eq!(seen, want, "every user once, in name order");

    let q = app
        .get("/api/v1/users?q=PAGER0%25")
        .auth(&admin)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(
        q["items"].as_array().unwrap().len(),
        0,
        "% is literal, not a wildcard"
    );
    let q = app
        .get("/api/v1/users?q=pager3")
        .auth(&admin)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(q["items"].as_array().unwrap().len(), 1);
    let admins = app
        .get("/api/v1/users?role=admin")
        .auth(&admin)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(admins["items"].as_array().unwrap().len(), 1);
    let user = app
        .get("/api/v1/users?q=pager4")
        .auth(&admin)
        .send()
        .await
        .body["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.patch(&format!("/api/v1/users/{user}"))
        .auth(&admin)
        .json(&json!({ "active": false }))
        .send()
        .await
        .expect(200);
    let inactive = app
        .get("/api/v1/users?active=false")
        .auth(&admin)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(inactive["items"].as_array().unwrap().len(), 1);

    for (qs, field) in [
        ("limit=0", "limit"),
        ("limit=201", "limit"),
        ("limit=x", "limit"),
        ("cursor=zzz", "cursor"),
        ("role=king", "role"),
        ("sort=name", "sort"),
    ] {
        let res = app
            .get(&format!("/api/v1/users?{qs}"))
            .auth(&admin)
            .send()
            .await
            .problem(400, "bad_request");
        assert_eq!(res.fields(), [field], "{qs}");
    }
}

pub(super) async fn teams_are_created_edited_and_validated(app: TestApp) {
    let admin = app.admin().await;
    let manager = app.user(Role::SalesManager, None, None).await;
    let rep = app.user(Role::SalesRep, None, None).await;
    let res = app
        .post("/api/v1/teams")
        .auth(&admin)
        .json(&json!({ "name": "Great Lakes", "manager_id": manager.id, "city": "Chicago" }))
        .send()
        .await
        .expect(201);
    let id = res.body["id"].as_str().unwrap().to_owned();
    assert_eq!(res.body["member_count"], 0);
    app.post("/api/v1/teams")
        .auth(&admin)
        .json(&json!({ "name": "great lakes " }))
        .send()
        .await
        .problem(409, "conflict");
    let bad = app
        .post("/api/v1/teams")
        .auth(&admin)
        .json(&json!({ "name": "X", "manager_id": rep.id }))
        .send()
        .await
        .problem(409, "invalid_reference");
    assert_eq!(bad.fields(), ["manager_id"]);
    app.post("/api/v1/teams")
        .auth(&admin)
        .json(&json!({ "name": "" }))
        .send()
        .await
        .problem(422, "validation_failed");

    let path = format!("/api/v1/teams/{id}");
    let res = app
        .patch(&path)
        .auth(&admin)
        .json(&json!({ "version": 1, "city": null, "name": "Lakes" }))
        .send()
        .await
        .expect(200);
    assert_eq!(res.body["city"], serde_json::Value::Null);
    assert_eq!(res.body["name"], "Lakes");
    app.patch(&path)
        .auth(&admin)
        .json(&json!({ "version": 1, "name": "Again" }))
        .send()
        .await
        .problem(412, "version_mismatch");
    app.patch(&path)
        .auth(&manager)
        .json(&json!({ "name": "Mine" }))
        .send()
        .await
        .problem(403, "forbidden");
    app.patch("/api/v1/teams/00000000-0000-0000-0000-000000000000")
        .auth(&admin)
        .json(&json!({ "name": "Z" }))
        .send()
        .await
        .problem(404, "not_found");

    // Members join through their own record.
    app.patch(&format!("/api/v1/users/{}", rep.id))
        .auth(&admin)
        .json(&json!({ "team_id": id }))
        .send()
        .await
        .expect(200);
    let got = app.get(&path).auth(&admin).send().await.expect(200);
    assert_eq!(got.body["member_count"], 1);
    let _ = PASSWORD;
}
