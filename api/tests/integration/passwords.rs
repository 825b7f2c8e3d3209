//! Password changes: temporary passwords set by an admin, and users changing their own.

use crate::common;

use closebook_shared::Role;
use common::{PASSWORD, TestApp};
use serde_json::json;

async fn login(app: &TestApp, email: &str, password: &str) -> common::Res {
    app.post("/api/v1/auth/login")
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
}

async fn a_temporary_password_allows_only_the_change(app: TestApp) {
    let admin = app.admin().await;
    let rep = app.user(Role::SalesRep, None, None).await;
    app.post(&format!("/api/v1/users/{}/password", rep.id))
        .auth(&admin)
        .json(&json!({ "password": "temporary-pass-1" }))
        .send()
        .await
        .expect(204);
    login(&app, &rep.email, PASSWORD)
        .await
        .problem(401, "invalid_credentials");
    let temp = login(&app, &rep.email, "temporary-pass-1")
        .await
        .expect(200)
        .body;
    assert_eq!(temp["must_change_password"], true);
    let token = temp["access_token"].as_str().unwrap();

    app.get("/api/v1/users")
        .bearer(token)
        .send()
        .await
        .problem(403, "password_change_required");
    let me = app.get("/api/v1/me").bearer(token).send().await.expect(200);
    assert_eq!(me.body["must_change_password"], true);

    let change = |current: &str, new: &str| {
        app.post("/api/v1/me/password")
            .bearer(token)
            .json(&json!({ "current_password": current, "new_password": new }))
    };
    let wrong = change("not-it-at-all", "a-brand-new-pass")
        .send()
        .await
        .problem(403, "forbidden");
    assert_eq!(wrong.fields(), ["current_password"]);
    let same = change("temporary-pass-1", "temporary-pass-1")
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(same.fields(), ["new_password"]);
    let short = change("temporary-pass-1", "short")
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(short.fields(), ["new_password"]);

    let fresh = change("temporary-pass-1", "a-brand-new-pass")
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(fresh["must_change_password"], false);
    app.get("/api/v1/users")
        .bearer(fresh["access_token"].as_str().unwrap())
        .send()
        .await
        .expect(200);
    // The temporary sign-in's refresh token died with the change; the new one works.
    app.post("/api/v1/auth/refresh")
        .json(&json!({ "refresh_token": temp["refresh_token"] }))
        .send()
        .await
        .problem(401, "invalid_refresh_token");
    app.post("/api/v1/auth/refresh")
        .json(&json!({ "refresh_token": fresh["refresh_token"] }))
        .send()
        .await
        .expect(200);
    login(&app, &rep.email, "a-brand-new-pass")
        .await
        .expect(200);

    let audit = app
        .get(&format!("/api/v1/audit?entity_id={}", rep.id))
        .auth(&admin)
        .send()
        .await
        .expect(200);
    let actions: Vec<&str> = audit.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"user.password_reset") && actions.contains(&"user.password_change"),
        "{actions:?}"
    );
    assert!(
        !audit.text.contains("temporary-pass-1") && !audit.text.contains("argon2"),
        "no secrets in the audit log"
    );
}

async fn only_admins_set_passwords(app: TestApp) {
    let admin = app.admin().await;
    let manager = app.user(Role::SalesManager, None, None).await;
    let rep = app.user(Role::SalesRep, None, None).await;
    let path = format!("/api/v1/users/{}/password", rep.id);
    app.post(&path)
        .auth(&manager)
        .json(&json!({ "password": "temporary-pass-1" }))
        .send()
        .await
        .problem(403, "forbidden");
    app.post(&path)
        .auth(&admin)
        .json(&json!({ "password": "short" }))
        .send()
        .await
        .problem(422, "validation_failed");
    app.post("/api/v1/users/00000000-0000-0000-0000-000000000000/password")
        .auth(&admin)
        .json(&json!({ "password": "temporary-pass-1" }))
        .send()
        .await
        .problem(404, "not_found");
    // Without forcing a change, the new password is simply the password.
    app.post(&path)
        .auth(&admin)
        .json(&json!({ "password": "permanent-pass-1", "must_change_password": false }))
        .send()
        .await
        .expect(204);
    let res = login(&app, &rep.email, "permanent-pass-1")
        .await
        .expect(200);
    app.get("/api/v1/users")
        .bearer(res.body["access_token"].as_str().unwrap())
        .send()
        .await
        .expect(200);
}

on_both_backends!(
    a_temporary_password_allows_only_the_change,
    only_admins_set_passwords
);
