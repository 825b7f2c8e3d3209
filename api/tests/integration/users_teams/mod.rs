//! Users and teams: creation, validation, visibility, self-service edits, concurrency, paging.

use crate::common;
mod edits_lists_teams;

use edits_lists_teams::{
    concurrent_edits_are_caught, teams_are_created_edited_and_validated,
    user_list_filters_and_pages,
};

use closebook_shared::Role;
use common::{PASSWORD, TestApp};
use serde_json::json;

pub(crate) fn new_user(email: &str) -> serde_json::Value {
    json!({
        "email": email, "name": "Priya Natarajan", "role": "sales_rep", "password": "a-long-password-1",
        "phone": "+1 312 555 0100", "title": "Account Executive", "employee_id": "E1001",
        "hire_date": "2024-03-01", "base_salary": { "amount": "5200.50", "currency": "USD" },
        "time_zone": "America/Chicago"
    })
}

async fn admin_creates_a_user_who_can_sign_in(app: TestApp) {
    let admin = app.admin().await;
    let res = app
        .post("/api/v1/users")
        .auth(&admin)
        .json(&new_user("Priya@Example.com"))
        .send()
        .await
        .expect(201);
    let id = res.body["id"].as_str().unwrap().to_owned();
    assert_eq!(
        res.header("location"),
        Some(format!("/api/v1/users/{id}").as_str())
    );
    assert_eq!(
        res.body["base_salary"],
        json!({ "amount": "5200.50", "currency": "USD" })
    );
    assert_eq!(res.body["hire_date"], "2024-03-01");
    assert_eq!(
        res.body["must_change_password"], true,
        "an admin-chosen password must be changed"
    );
    assert_eq!(res.body["version"], 1);
    let tokens = app
        .post("/api/v1/auth/login")
        .json(&json!({ "email": "priya@example.com", "password": "a-long-password-1" }))
        .send()
        .await
        .expect(200);
    assert_eq!(tokens.body["must_change_password"], true);
    let got = app
        .get(&format!("/api/v1/users/{id}"))
        .auth(&admin)
        .send()
        .await
        .expect(200);
    assert_eq!(
        got.body, res.body,
        "what was created is what is read back, on both backends"
    );
}

async fn user_creation_is_validated(app: TestApp) {
    let admin = app.admin().await;
    let cases: Vec<(serde_json::Value, &str)> = vec![
        (json!({ "email": "not-an-email" }), "email"),
        (json!({ "password": "short" }), "password"),
        (json!({ "name": "   " }), "name"),
        (json!({ "phone": "call me" }), "phone"),
        (json!({ "time_zone": "Mars/Olympus" }), "time_zone"),
        (
            json!({ "base_salary": { "amount": "10.001", "currency": "USD" } }),
            "base_salary",
        ),
        (
            json!({ "base_salary": { "amount": "-5", "currency": "USD" } }),
            "base_salary",
        ),
        (
            json!({ "base_salary": { "amount": "5", "currency": "XXQ" } }),
            "base_salary",
        ),
        (
            json!({ "base_salary": { "amount": 5, "currency": "USD" } }),
            "base_salary.amount",
        ),
        (json!({ "role": "overlord" }), "role"),
        (json!({ "hire_date": "01/03/2024" }), "hire_date"),
        (
            json!({ "team_id": "00000000-0000-0000-0000-000000000000" }),
            "team_id",
        ),
        (
            json!({ "manager_id": "00000000-0000-0000-0000-000000000000" }),
            "manager_id",
        ),
        (json!({ "nickname": "P" }), "nickname"),
    ];
    for (change, field) in cases {
        let mut body = new_user("valid@example.com");
        for (k, v) in change.as_object().unwrap() {
            body[k] = v.clone();
        }
        let (status, code) = if ["team_id", "manager_id"].contains(&field) {
            (409, "invalid_reference")
        } else {
            (422, "validation_failed")
        };
        let res = app
            .post("/api/v1/users")
            .auth(&admin)
            .json(&body)
            .send()
            .await
            .problem(status, code);
        assert_eq!(res.fields(), [field], "{change}: {}", res.text);
    }
    let mut missing = new_user("valid@example.com");
    missing.as_object_mut().unwrap().remove("email");
    let res = app
        .post("/api/v1/users")
        .auth(&admin)
        .json(&missing)
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(res.fields(), ["email"]);
    // Nothing half-written: none of the refused requests created anyone.
    let list = app
        .get("/api/v1/users?q=valid")
        .auth(&admin)
        .send()
        .await
        .expect(200);
    assert_eq!(list.body["items"].as_array().unwrap().len(), 0);
}

async fn emails_are_unique_regardless_of_case(app: TestApp) {
    let admin = app.admin().await;
    app.post("/api/v1/users")
        .auth(&admin)
        .json(&new_user("dup@example.com"))
        .send()
        .await
        .expect(201);
    let res = app
        .post("/api/v1/users")
        .auth(&admin)
        .json(&new_user("DUP@example.COM"))
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(res.fields(), ["email"]);
}

async fn only_admins_create_users_and_teams(app: TestApp) {
    for role in [
        Role::SalesManager,
        Role::SalesRep,
        Role::Finance,
        Role::Partner,
    ] {
        let u = app.user(role, None, None).await;
        app.post("/api/v1/users")
            .auth(&u)
            .json(&new_user("x@example.com"))
            .send()
            .await
            .problem(403, "forbidden");
        app.post("/api/v1/teams")
            .auth(&u)
            .json(&json!({ "name": "T" }))
            .send()
            .await
            .problem(403, "forbidden");
    }
    app.post("/api/v1/users")
        .json(&new_user("x@example.com"))
        .send()
        .await
        .problem(401, "unauthenticated");
}

async fn visibility_follows_role_team_and_management(app: TestApp) {
    let admin = app.admin().await;
    let manager = app.user(Role::SalesManager, None, None).await;
    let team = app.team("North", Some(manager.id)).await;
    let other_team = app.team("South", None).await;
    let rep = app.user(Role::SalesRep, Some(team), None).await;
    let teammate = app.user(Role::SalesRep, Some(team), None).await;
    let outsider = app.user(Role::SalesRep, Some(other_team), None).await;
    let report = app.user(Role::SalesRep, None, Some(manager.id)).await;
    let finance = app.user(Role::Finance, None, None).await;
    let partner = app.user(Role::Partner, None, None).await;

    let visible = |who: &common::TestUser| {
        let path = "/api/v1/users?limit=200".to_owned();
        let app = &app;
        let who = who.clone();
        async move {
            let body = app.get(&path).auth(&who).send().await.expect(200).body;
            let mut ids: Vec<String> = body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u["id"].as_str().unwrap().to_owned())
                .collect();
            ids.sort();
            ids
        }
    };
    let ids = |users: &[&common::TestUser]| {
        let mut v: Vec<String> = users.iter().map(|u| u.id.to_string()).collect();
        v.sort();
        v
    };
    let everyone = ids(&[
        &admin, &manager, &rep, &teammate, &outsider, &report, &finance, &partner,
    ]);
    assert_eq!(visible(&admin).await, everyone);
    assert_eq!(visible(&finance).await, everyone);
    assert_eq!(
        visible(&manager).await,
        ids(&[&manager, &rep, &teammate, &report])
    );
    assert_eq!(visible(&rep).await, ids(&[&rep]));
    assert_eq!(visible(&partner).await, ids(&[&partner]));

    // Object endpoint: owner, same-team rep, other-team rep, manager, admin, partner.
    let path = format!("/api/v1/users/{}", rep.id);
    let table = [
        (&rep, 200),
        (&teammate, 404),
        (&outsider, 404),
        (&manager, 200),
        (&admin, 200),
        (&finance, 200),
        (&partner, 404),
    ];
    for (who, status) in table {
        app.get(&path).auth(who).send().await.expect(status);
    }
    app.get("/api/v1/users/not-a-uuid")
        .auth(&admin)
        .send()
        .await
        .problem(404, "not_found");

    // Teams: manager sees the team it runs; a rep its own; a partner none.
    let team_names = |who: &common::TestUser| {
        let app = &app;
        let who = who.clone();
        async move {
            let body = app
                .get("/api/v1/teams")
                .auth(&who)
                .send()
                .await
                .expect(200)
                .body;
            body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["name"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(team_names(&admin).await, ["North", "South"]);
    assert_eq!(team_names(&manager).await, ["North"]);
    assert_eq!(team_names(&outsider).await, ["South"]);
    assert!(team_names(&partner).await.is_empty());
    app.get(&format!("/api/v1/teams/{other_team}"))
        .auth(&rep)
        .send()
        .await
        .problem(404, "not_found");
    let north = app
        .get(&format!("/api/v1/teams/{team}"))
        .auth(&rep)
        .send()
        .await
        .expect(200);
    assert_eq!(north.body["member_count"], 2);
}

async fn users_edit_only_their_own_profile_fields(app: TestApp) {
    let admin = app.admin().await;
    let rep = app.user(Role::SalesRep, None, None).await;
    let path = format!("/api/v1/users/{}", rep.id);
    let res = app
        .patch(&path)
        .auth(&rep)
        .json(
            &json!({ "name": "Pri N.", "phone": "+44 20 7946 0958", "time_zone": "Europe/London" }),
        )
        .send()
        .await
        .expect(200);
    assert_eq!(res.body["name"], "Pri N.");
    assert_eq!(res.body["version"], 2);
    assert_eq!(res.header("etag"), Some("\"2\""));
    let res = app
        .patch(&path)
        .auth(&rep)
        .json(&json!({ "role": "admin" }))
        .send()
        .await
        .problem(403, "forbidden");
    assert_eq!(res.fields(), ["role"]);
    app.patch(&path)
        .auth(&rep)
        .json(&json!({ "base_salary": { "amount": "99999", "currency": "USD" } }))
        .send()
        .await
        .problem(403, "forbidden");
    app.patch(&format!("/api/v1/users/{}", admin.id))
        .auth(&rep)
        .json(&json!({ "name": "x" }))
        .send()
        .await
        .problem(404, "not_found");
    // `null` clears a nullable field; absent leaves it.
    let res = app
        .patch(&path)
        .auth(&rep)
        .json(&json!({ "phone": null }))
        .send()
        .await
        .expect(200);
    assert_eq!(res.body["phone"], serde_json::Value::Null);
    assert_eq!(res.body["time_zone"], "Europe/London");
    app.patch(&path)
        .auth(&rep)
        .json(&json!({ "time_zone": "Nowhere/Else" }))
        .send()
        .await
        .problem(422, "validation_failed");
}

async fn admins_cannot_lock_themselves_out(app: TestApp) {
    let admin = app.admin().await;
    let path = format!("/api/v1/users/{}", admin.id);
    app.patch(&path)
        .auth(&admin)
        .json(&json!({ "active": false }))
        .send()
        .await
        .problem(403, "forbidden");
    app.patch(&path)
        .auth(&admin)
        .json(&json!({ "role": "sales_rep" }))
        .send()
        .await
        .problem(403, "forbidden");
    app.patch(&path)
        .auth(&admin)
        .json(&json!({ "manager_id": admin.id }))
        .send()
        .await
        .problem(422, "validation_failed");
}

on_both_backends!(
    admin_creates_a_user_who_can_sign_in,
    user_creation_is_validated,
    emails_are_unique_regardless_of_case,
    only_admins_create_users_and_teams,
    visibility_follows_role_team_and_management,
    users_edit_only_their_own_profile_fields,
    admins_cannot_lock_themselves_out,
    concurrent_edits_are_caught,
    user_list_filters_and_pages,
    teams_are_created_edited_and_validated,
);
