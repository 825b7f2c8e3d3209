//! The authorisation matrix: every endpoint, every role (and no caller), one expected status each.
//! The object endpoints use a rep in the manager's team as the target.

mod common;

use closebook_shared::Role;
use common::{TestApp, TestUser};
use serde_json::json;

#[derive(Clone, Copy, Debug)]
enum Who {
    Admin,
    Manager,
    Rep,
    Finance,
    Partner,
    Nobody,
}

const WHO: [Who; 6] = [
    Who::Admin,
    Who::Manager,
    Who::Rep,
    Who::Finance,
    Who::Partner,
    Who::Nobody,
];

async fn every_endpoint_for_every_role(app: TestApp) {
    let admin = app.admin().await;
    let manager = app.user(Role::SalesManager, None, None).await;
    let team = app.team("Matrix", Some(manager.id)).await;
    let rep = app.user(Role::SalesRep, Some(team), None).await;
    let finance = app.user(Role::Finance, None, None).await;
    let partner = app.user(Role::Partner, None, None).await;
    let user_of = |w: Who| -> Option<&TestUser> {
        match w {
            Who::Admin => Some(&admin),
            Who::Manager => Some(&manager),
            Who::Rep => Some(&rep),
            Who::Finance => Some(&finance),
            Who::Partner => Some(&partner),
            Who::Nobody => None,
        }
    };
    let token_id = app
        .post("/api/v1/service-tokens")
        .auth(&admin)
        .json(&json!({ "name": "matrix", "role": "sales_rep" }))
        .send()
        .await
        .expect(201)
        .body["service_token"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let rep_path = format!("/api/v1/users/{}", rep.id);
    let team_path = format!("/api/v1/teams/{team}");
    let rep_password_path = format!("/api/v1/users/{}/password", rep.id);
    let token_path = format!("/api/v1/service-tokens/{token_id}");
    //                       admin mgr  rep  fin  partner nobody
    let table: Vec<(&str, &str, [u16; 6])> = vec![
        ("GET", "/api/v1/me", [200, 200, 200, 200, 200, 401]),
        ("GET", "/api/v1/users", [200, 200, 200, 200, 200, 401]),
        ("POST", "/api/v1/users", [201, 403, 403, 403, 403, 401]),
        ("GET", &rep_path, [200, 200, 200, 200, 404, 401]),
        ("PATCH", &rep_path, [200, 403, 200, 403, 404, 401]),
        ("POST", &rep_password_path, [204, 403, 403, 403, 403, 401]),
        ("GET", "/api/v1/teams", [200, 200, 200, 200, 200, 401]),
        ("POST", "/api/v1/teams", [201, 403, 403, 403, 403, 401]),
        ("GET", &team_path, [200, 200, 200, 200, 404, 401]),
        ("PATCH", &team_path, [200, 403, 403, 403, 403, 401]),
        ("GET", "/api/v1/audit", [200, 403, 403, 403, 403, 401]),
        (
            "GET",
            "/api/v1/service-tokens",
            [200, 403, 403, 403, 403, 401],
        ),
        (
            "POST",
            "/api/v1/service-tokens",
            [201, 403, 403, 403, 403, 401],
        ),
        ("DELETE", &token_path, [204, 403, 403, 403, 403, 401]),
        (
            "POST",
            "/api/v1/auth/logout",
            [204, 204, 204, 204, 204, 401],
        ),
    ];
    let mut failures = Vec::new();
    for (n, (method, path, expected)) in table.iter().enumerate() {
        for (who, want) in WHO.iter().zip(expected) {
            let unique = format!("{n}-{who:?}").to_lowercase();
            let body = match (*method, *path) {
                ("POST", "/api/v1/users") => Some(
                    json!({ "email": format!("m{unique}@example.com"), "name": "M", "role": "sales_rep", "password": "a-long-password-1" }),
                ),
                ("POST", "/api/v1/teams") => Some(json!({ "name": format!("Team {unique}") })),
                ("POST", "/api/v1/service-tokens") => {
                    Some(json!({ "name": "t", "role": "partner" }))
                }
                ("POST", p) if p.ends_with("/password") => {
                    Some(json!({ "password": "temporary-pass-1", "must_change_password": false }))
                }
                ("PATCH", p) if p.contains("/users/") => {
                    Some(json!({ "name": format!("Renamed {unique}") }))
                }
                ("PATCH", _) => Some(json!({ "name": format!("Renamed team {unique}") })),
                _ => None,
            };
            let mut req = app.req(method.parse().unwrap(), path);
            if let Some(u) = user_of(*who) {
                req = req.auth(u);
            }
            if let Some(b) = &body {
                req = req.json(b);
            }
            let res = req.send().await;
            if res.status.as_u16() != *want {
                failures.push(format!(
                    "{method} {path} as {who:?}: got {}, want {want} ({})",
                    res.status, res.text
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "authorisation matrix mismatches:\n{}",
        failures.join("\n")
    );
}

on_both_backends!(every_endpoint_for_every_role);
