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

    let teammate = app.user(Role::SalesRep, Some(team), None).await;
    let lead_of = |company: &str| {
        let (app, rep, company) = (&app, &rep, company.to_owned());
        async move {
            app.post("/api/v1/leads")
                .auth(rep)
                .json(&json!({ "company": company }))
                .send()
                .await
                .expect(201)
                .body["id"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };
    let lead = lead_of("Matrix lead").await;
    let outcome_leads = [
        lead_of("Close A").await,
        lead_of("Close M").await,
        lead_of("Close R").await,
    ];
    let won = app
        .post(&format!("/api/v1/leads/{}/outcome", lead_of("Won").await))
        .auth(&rep)
        .json(&json!({ "outcome": "won" }))
        .send()
        .await
        .expect(200);
    let client_path = format!(
        "/api/v1/clients/{}",
        won.body["client_id"].as_str().unwrap()
    );
    let script = app
        .post("/api/v1/scripts")
        .auth(&admin)
        .json(&json!({ "slug": "matrix", "sales_stage": "FOLLOW_UP", "kind": "script", "title": "T", "body": "Hi {{contact_name}}" }))
        .send()
        .await
        .expect(201)
        .body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let pipeline = "/api/v1/pipelines/00000000-0000-7000-8000-000000000002".to_owned();
    let lead_path = format!("/api/v1/leads/{lead}");
    let sub = |s: &str| format!("{lead_path}/{s}");
    let (stage_p, deal_p, ref_p, hist_p, acts_p, notes_p, touch_p, reassign_p) = (
        sub("stage"),
        sub("deal"),
        sub("referral-ask"),
        sub("history"),
        sub("activities"),
        sub("notes"),
        sub("touches"),
        sub("reassign"),
    );
    let script_path = format!("/api/v1/scripts/{script}");
    let render_path = format!("{script_path}/render?lead_id={lead}");
    let rep_path = format!("/api/v1/users/{}", rep.id);
    let team_path = format!("/api/v1/teams/{team}");
    // A reset ends the user's sessions, so it targets someone who is not a caller here.
    let reset_target = app.user(Role::SalesRep, Some(team), None).await;
    let rep_password_path = format!("/api/v1/users/{}/password", reset_target.id);
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
        ("GET", "/api/v1/settings", [200, 200, 200, 200, 200, 401]),
        ("PATCH", "/api/v1/settings", [200, 403, 403, 403, 403, 401]),
        ("GET", "/api/v1/pipelines", [200, 200, 200, 200, 403, 401]),
        ("POST", "/api/v1/pipelines", [201, 403, 403, 403, 403, 401]),
        ("GET", &pipeline, [200, 200, 200, 200, 403, 401]),
        ("PATCH", &pipeline, [200, 403, 403, 403, 403, 401]),
        ("GET", "/api/v1/leads", [200, 200, 200, 403, 403, 401]),
        ("POST", "/api/v1/leads", [201, 201, 201, 403, 403, 401]),
        ("GET", &lead_path, [200, 200, 200, 403, 403, 401]),
        ("PATCH", &lead_path, [200, 200, 200, 403, 403, 401]),
        ("PATCH", &stage_p, [200, 200, 200, 403, 403, 401]),
        ("PATCH", &deal_p, [200, 200, 200, 403, 403, 401]),
        ("POST", &ref_p, [200, 200, 200, 403, 403, 401]),
        ("POST", "OUTCOME", [200, 200, 200, 403, 403, 401]),
        ("POST", &reassign_p, [200, 200, 403, 403, 403, 401]),
        ("GET", &hist_p, [200, 200, 200, 403, 403, 401]),
        ("GET", &acts_p, [200, 200, 200, 403, 403, 401]),
        ("POST", &acts_p, [201, 201, 201, 403, 403, 401]),
        ("GET", &notes_p, [200, 200, 200, 403, 403, 401]),
        ("POST", &notes_p, [201, 201, 201, 403, 403, 401]),
        ("GET", &touch_p, [200, 200, 200, 403, 403, 401]),
        ("POST", &touch_p, [201, 201, 201, 403, 403, 401]),
        ("GET", "/api/v1/activities", [200, 200, 200, 403, 403, 401]),
        ("POST", "/api/v1/activities", [201, 201, 201, 403, 403, 401]),
        ("GET", "/api/v1/clients", [200, 200, 200, 403, 403, 401]),
        ("GET", &client_path, [200, 200, 200, 403, 403, 401]),
        ("GET", "/api/v1/scripts", [200, 200, 200, 403, 403, 401]),
        ("POST", "/api/v1/scripts", [201, 201, 403, 403, 403, 401]),
        ("PATCH", &script_path, [200, 200, 403, 403, 403, 401]),
        ("POST", &render_path, [200, 200, 200, 403, 403, 401]),
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
            let path = if *path == "OUTCOME" {
                let i = match who {
                    Who::Admin => 0,
                    Who::Manager => 1,
                    _ => 2,
                };
                format!("/api/v1/leads/{}/outcome", outcome_leads[i])
            } else {
                (*path).to_owned()
            };
            let path = path.as_str();
            let body = match (*method, path) {
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
                ("PATCH", "/api/v1/settings") => {
                    Some(json!({ "org_name": format!("Org {unique}") }))
                }
                ("POST", "/api/v1/pipelines") => {
                    Some(json!({ "name": format!("P {unique}"), "stages": [
                    { "name": "Open", "probability": 10, "kind": "open" },
                    { "name": "Won", "probability": 100, "kind": "won" },
                    { "name": "Lost", "probability": 0, "kind": "lost" } ] }))
                }
                ("PATCH", p) if p.starts_with("/api/v1/pipelines/") => {
                    Some(json!({ "name": format!("B2B {unique}") }))
                }
                ("POST", "/api/v1/leads") => Some(json!({ "company": format!("Lead {unique}") })),
                ("PATCH", p) if p.ends_with("/stage") => {
                    Some(json!({ "stage_id": "00000000-0000-7000-8001-000000000102" }))
                }
                ("PATCH", p) if p.ends_with("/deal") => Some(json!({ "probability": 40 })),
                ("POST", p) if p.ends_with("/referral-ask") => Some(json!({ "status": "asked" })),
                ("POST", p) if p.ends_with("/outcome") => Some(json!({ "outcome": "won" })),
                ("POST", p) if p.ends_with("/reassign") => Some(json!({
                    "owner_id": if matches!(who, Who::Admin) { teammate.id } else { rep.id },
                    "reason": "matrix",
                })),
                ("POST", p) if p.ends_with("/activities") => {
                    Some(json!({ "kind": "call", "lead_id": lead }))
                }
                ("POST", p) if p.ends_with("/notes") => Some(json!({ "body": "n" })),
                ("POST", p) if p.ends_with("/touches") => Some(json!({ "kind": "check_in" })),
                ("POST", "/api/v1/scripts") => Some(
                    json!({ "slug": format!("s_{}", unique.replace('-', "_")), "sales_stage": "FOLLOW_UP", "kind": "script", "title": "T", "body": "B" }),
                ),
                ("PATCH", p) if p.starts_with("/api/v1/scripts/") => {
                    Some(json!({ "title": format!("T {unique}") }))
                }
                ("PATCH", p) if p.contains("/leads/") => {
                    Some(json!({ "next_action": format!("N {unique}") }))
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
