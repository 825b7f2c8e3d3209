//! Sign-in, tokens, refresh rotation, sign-out, throttling, service tokens.

use crate::common;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use closebook_shared::Role;
use common::{PASSWORD, SECRET, TestApp};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

async fn login(app: &TestApp, email: &str, password: &str) -> common::Res {
    app.post("/api/v1/auth/login")
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
}

async fn login_returns_tokens_that_work(app: TestApp) {
    let rep = app.user(Role::SalesRep, None, None).await;
    // Emails match regardless of case and surrounding space.
    let res = login(&app, &format!("  {}  ", rep.email.to_uppercase()), PASSWORD)
        .await
        .expect(200);
    assert_eq!(res.body["token_type"], "Bearer");
    assert_eq!(res.body["expires_in"], 900);
    assert!(
        res.body["refresh_token"]
            .as_str()
            .unwrap()
            .starts_with("cbr_")
    );
    let me = app
        .get("/api/v1/me")
        .bearer(res.body["access_token"].as_str().unwrap())
        .send()
        .await
        .expect(200);
    assert_eq!(me.body["id"], rep.id.to_string());
    assert_eq!(me.body["role"], "sales_rep");
    assert!(me.body.get("password_hash").is_none());
    assert_eq!(me.header("etag"), Some("\"1\""));
}

async fn wrong_password_and_unknown_email_look_the_same(app: TestApp) {
    let rep = app.user(Role::SalesRep, None, None).await;
    let a = login(&app, &rep.email, "not-the-password")
        .await
        .problem(401, "invalid_credentials");
    let b = login(&app, "nobody@example.com", PASSWORD)
        .await
        .problem(401, "invalid_credentials");
    assert_eq!(a.body["detail"], b.body["detail"]);
}

async fn login_validates_its_body(app: TestApp) {
    let res = app
        .post("/api/v1/auth/login")
        .json(&json!({ "email": "a@b.c" }))
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(res.fields(), ["password"]);
    app.post("/api/v1/auth/login")
        .raw("application/json", "{\"email\":")
        .send()
        .await
        .problem(400, "malformed_body");
    app.post("/api/v1/auth/login")
        .raw("text/plain", "hi")
        .send()
        .await
        .problem(415, "unsupported_media_type");
}

async fn deactivated_users_cannot_sign_in_or_refresh(app: TestApp) {
    let admin = app.admin().await;
    let rep = app.user(Role::SalesRep, None, None).await;
    let tokens = login(&app, &rep.email, PASSWORD).await.expect(200).body;
    app.patch(&format!("/api/v1/users/{}", rep.id))
        .auth(&admin)
        .json(&json!({ "active": false }))
        .send()
        .await
        .expect(200);
    login(&app, &rep.email, PASSWORD)
        .await
        .problem(403, "account_disabled");
    app.post("/api/v1/auth/refresh")
        .json(&json!({ "refresh_token": tokens["refresh_token"] }))
        .send()
        .await
        .problem(401, "invalid_refresh_token");
    // Its still-unexpired access token no longer reads its profile either.
    app.get("/api/v1/me")
        .bearer(tokens["access_token"].as_str().unwrap())
        .send()
        .await
        .problem(401, "unauthenticated");
}

async fn refresh_rotates_and_reuse_revokes_the_family(app: TestApp) {
    let rep = app.user(Role::SalesRep, None, None).await;
    let first = login(&app, &rep.email, PASSWORD).await.expect(200).body;
    let r1 = first["refresh_token"].clone();
    let second = app
        .post("/api/v1/auth/refresh")
        .json(&json!({ "refresh_token": r1 }))
        .send()
        .await
        .expect(200)
        .body;
    let r2 = second["refresh_token"].clone();
    assert_ne!(r1, r2, "each refresh returns a new refresh token");
    app.get("/api/v1/me")
        .bearer(second["access_token"].as_str().unwrap())
        .send()
        .await
        .expect(200);

    // Replaying the spent token: refused, and the live one in the same family dies with it.
    app.post("/api/v1/auth/refresh")
        .json(&json!({ "refresh_token": r1 }))
        .send()
        .await
        .problem(401, "invalid_refresh_token");
    app.post("/api/v1/auth/refresh")
        .json(&json!({ "refresh_token": r2 }))
        .send()
        .await
        .problem(401, "invalid_refresh_token");

    // Another sign-in (another family) is unaffected.
    let other = login(&app, &rep.email, PASSWORD).await.expect(200).body;
    app.post("/api/v1/auth/refresh")
        .json(&json!({ "refresh_token": other["refresh_token"] }))
        .send()
        .await
        .expect(200);
    app.post("/api/v1/auth/refresh")
        .json(&json!({ "refresh_token": "cbr_nonsense" }))
        .send()
        .await
        .problem(401, "invalid_refresh_token");
}

async fn logout_revokes_one_sign_in_or_all(app: TestApp) {
    let rep = app.user(Role::SalesRep, None, None).await;
    let a = login(&app, &rep.email, PASSWORD).await.expect(200).body;
    let b = login(&app, &rep.email, PASSWORD).await.expect(200).body;
    let c = login(&app, &rep.email, PASSWORD).await.expect(200).body;
    app.post("/api/v1/auth/logout")
        .auth(&rep)
        .json(&json!({ "refresh_token": a["refresh_token"] }))
        .send()
        .await
        .expect(204);
    app.post("/api/v1/auth/refresh")
        .json(&json!({ "refresh_token": a["refresh_token"] }))
        .send()
        .await
        .problem(401, "invalid_refresh_token");
    let b2 = app
        .post("/api/v1/auth/refresh")
        .json(&json!({ "refresh_token": b["refresh_token"] }))
        .send()
        .await
        .expect(200)
        .body;
    // Empty body: sign out everywhere.
    app.post("/api/v1/auth/logout")
        .auth(&rep)
        .send()
        .await
        .expect(204);
    for t in [&b2["refresh_token"], &c["refresh_token"]] {
        app.post("/api/v1/auth/refresh")
            .json(&json!({ "refresh_token": t }))
            .send()
            .await
            .problem(401, "invalid_refresh_token");
    }
    app.post("/api/v1/auth/logout")
        .send()
        .await
        .problem(401, "unauthenticated");
    // Signing out everywhere ends the access tokens too, this one included.
    app.get("/api/v1/leads")
        .auth(&rep)
        .send()
        .await
        .problem(401, "unauthenticated");
    let fresh = login(&app, &rep.email, PASSWORD).await.expect(200).body;
    app.post("/api/v1/auth/logout")
        .bearer(fresh["access_token"].as_str().unwrap())
        .raw("application/json", "{\"refresh_token\": 5}")
        .send()
        .await
        .problem(422, "validation_failed");
}

/// Deactivation, a role change, a password change or "sign out everywhere" end the access
/// tokens already issued, on every endpoint, without waiting for them to expire.
async fn ending_sessions_ends_access_tokens_at_once(app: TestApp) {
    let admin = app.admin().await;
    let works = |token: String| {
        let app = &app;
        async move { app.get("/api/v1/leads").bearer(&token).send().await }
    };
    let patch_user = |id: uuid::Uuid, body: serde_json::Value| {
        app.patch(&format!("/api/v1/users/{id}"))
            .auth(&admin)
            .json(&body)
    };
    // Each way of ending sessions, and the token of a bystander that must keep working.
    let deactivated = app.user(Role::SalesRep, None, None).await;
    let promoted = app.user(Role::SalesRep, None, None).await;
    let reset = app.user(Role::SalesRep, None, None).await;
    let bystander = app.user(Role::SalesRep, None, None).await;
    for u in [&deactivated, &promoted, &reset, &bystander] {
        works(u.token.clone()).await.expect(200);
    }
    patch_user(deactivated.id, json!({ "active": false }))
        .send()
        .await
        .expect(200);
    patch_user(promoted.id, json!({ "role": "sales_manager" }))
        .send()
        .await
        .expect(200);
    app.post(&format!("/api/v1/users/{}/password", reset.id))
        .auth(&admin)
        .json(&json!({ "password": "another-password-9" }))
        .send()
        .await
        .expect(204);
    for u in [&deactivated, &promoted, &reset] {
        let res = works(u.token.clone()).await.problem(401, "unauthenticated");
        assert!(
            res.body["detail"]
                .as_str()
                .unwrap()
                .contains("sign in again")
        );
    }
    works(bystander.token.clone()).await.expect(200);
    // An unrelated edit ends nothing; signing in again gives a token that works.
    patch_user(bystander.id, json!({ "title": "Senior rep" }))
        .send()
        .await
        .expect(200);
    works(bystander.token.clone()).await.expect(200);
    let again = login(&app, &promoted.email, PASSWORD)
        .await
        .expect(200)
        .body;
    works(again["access_token"].as_str().unwrap().to_owned())
        .await
        .expect(200);
}

async fn repeated_failures_are_throttled_per_account_and_address(app: TestApp) {
    let app = app
        .reconfigure(|s| {
            s.throttle.max_per_account = 3;
            s.throttle.max_per_ip = 6;
        })
        .await;
    let rep = app.user(Role::SalesRep, None, None).await;
    for _ in 0..3 {
        login(&app, &rep.email, "wrong-password-x")
            .await
            .problem(401, "invalid_credentials");
    }
    // Even the right password is refused until the window has passed.
    let res = login(&app, &rep.email, PASSWORD)
        .await
        .problem(429, "too_many_login_attempts");
    let retry: u64 = res.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=15 * 60).contains(&retry), "Retry-After {retry}");

    // Per address: one client spraying many accounts is stopped too.
    let other = app.user(Role::SalesRep, None, None).await;
    for i in 0..3 {
        login(&app, &format!("nobody{i}@example.com"), "whatever-password")
            .await
            .problem(401, "invalid_credentials");
    }
    login(&app, &other.email, PASSWORD)
        .await
        .problem(429, "too_many_login_attempts");
    // A different address is not affected by that address's failures.
    app.post("/api/v1/auth/login")
        .peer("10.1.2.3:5000")
        .json(&json!({ "email": other.email, "password": PASSWORD }))
        .send()
        .await
        .expect(200);
}

async fn a_success_resets_the_account_count(app: TestApp) {
    let app = app.reconfigure(|s| s.throttle.max_per_account = 3).await;
    let rep = app.user(Role::SalesRep, None, None).await;
    for _ in 0..2 {
        login(&app, &rep.email, "wrong-password-x")
            .await
            .expect(401);
    }
    login(&app, &rep.email, PASSWORD).await.expect(200);
    for _ in 0..2 {
        login(&app, &rep.email, "wrong-password-x")
            .await
            .expect(401);
    }
    login(&app, &rep.email, PASSWORD).await.expect(200);
}

fn forge(header: &Header, claims: &Value, key: &[u8]) -> String {
    jsonwebtoken::encode(header, claims, &EncodingKey::from_secret(key)).unwrap()
}

async fn bad_access_tokens_are_all_401(app: TestApp) {
    let rep = app.user(Role::SalesRep, None, None).await;
    let now = chrono::Utc::now().timestamp();
    let good = json!({ "sub": rep.id.to_string(), "role": "sales_rep", "iss": "closebook", "aud": "closebook-api", "iat": now, "exp": now + 600 });
    let hs = Header::new(Algorithm::HS256);
    let with = |k: &str, v: Value| {
        let mut c = good.clone();
        c[k] = v;
        c
    };
    let without = |k: &str| {
        let mut c = good.clone();
        c.as_object_mut().unwrap().remove(k);
        c
    };
    let sound = forge(&hs, &good, SECRET);
    app.get("/api/v1/me")
        .bearer(&sound)
        .send()
        .await
        .expect(200);

    let unsigned = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#),
        URL_SAFE_NO_PAD.encode(good.to_string())
    );
    let parts: Vec<&str> = sound.split('.').collect();
    let admin_claims = with("role", json!("admin"));
    let tampered = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(admin_claims.to_string()),
        parts[2]
    );
    let cases: Vec<(&str, String)> = vec![
        ("alg none", unsigned),
        (
            "wrong key",
            forge(&hs, &good, b"another-secret-another-secret-another-secret"),
        ),
        ("tampered payload", tampered),
        (
            "expired",
            forge(&hs, &with("exp", json!(now - 120)), SECRET),
        ),
        (
            "wrong audience",
            forge(&hs, &with("aud", json!("someone-else")), SECRET),
        ),
        (
            "wrong issuer",
            forge(&hs, &with("iss", json!("evil")), SECRET),
        ),
        ("no sub", forge(&hs, &without("sub"), SECRET)),
        ("no exp", forge(&hs, &without("exp"), SECRET)),
        ("no aud", forge(&hs, &without("aud"), SECRET)),
        ("no iss", forge(&hs, &without("iss"), SECRET)),
        (
            "HS512",
            forge(&Header::new(Algorithm::HS512), &good, SECRET),
        ),
        ("not a jwt", "abc.def".into()),
    ];
    for (why, token) in cases {
        let res = app.get("/api/v1/me").bearer(&token).send().await;
        assert_eq!(res.status.as_u16(), 401, "{why}: {}", res.text);
        assert_eq!(res.body["code"], "unauthenticated", "{why}");
    }
    app.get("/api/v1/me")
        .header("authorization", "Basic abc")
        .send()
        .await
        .problem(401, "unauthenticated");
    app.get("/api/v1/me")
        .send()
        .await
        .problem(401, "unauthenticated");
}

async fn service_tokens_are_shown_once_act_with_their_role_and_revoke(app: TestApp) {
    let admin = app.admin().await;
    let rep = app.user(Role::SalesRep, None, None).await;
    let created = app
        .post("/api/v1/service-tokens")
        .auth(&admin)
        .json(&json!({ "name": "CRM sync", "role": "finance" }))
        .send()
        .await
        .expect(201)
        .body;
    let token = created["token"].as_str().unwrap().to_owned();
    assert!(token.starts_with("cbk_"));
    assert_eq!(created["service_token"]["prefix"], &token[..12]);
    let id = created["service_token"]["id"].as_str().unwrap().to_owned();

    // Finance reads all users; it may not create them.
    let users = app
        .get("/api/v1/users")
        .bearer(&token)
        .send()
        .await
        .expect(200)
        .body;
    assert!(users["items"].as_array().unwrap().len() >= 2);
    app.post("/api/v1/users").bearer(&token).json(&json!({"email":"a@b.co","name":"A","role":"sales_rep","password":"long-enough-password"})).send().await.problem(403, "forbidden");
    app.get("/api/v1/me")
        .bearer(&token)
        .send()
        .await
        .problem(403, "forbidden");

    // The listing never shows the secret again.
    let list = app
        .get("/api/v1/service-tokens")
        .auth(&admin)
        .send()
        .await
        .expect(200);
    assert!(!list.text.contains(&token));
    assert!(
        list.body["items"][0]["last_used_at"].is_string(),
        "use is recorded"
    );

    // Only a signed-in admin manages tokens: not a rep, not another token.
    app.get("/api/v1/service-tokens")
        .auth(&rep)
        .send()
        .await
        .problem(403, "forbidden");
    let admin_token = app
        .post("/api/v1/service-tokens")
        .auth(&admin)
        .json(&json!({ "name": "ops", "role": "admin" }))
        .send()
        .await
        .expect(201)
        .body["token"]
        .as_str()
        .unwrap()
        .to_owned();
    app.post("/api/v1/service-tokens")
        .bearer(&admin_token)
        .json(&json!({ "name": "x", "role": "admin" }))
        .send()
        .await
        .problem(403, "forbidden");

    app.delete(&format!("/api/v1/service-tokens/{id}"))
        .auth(&admin)
        .send()
        .await
        .expect(204);
    app.delete(&format!("/api/v1/service-tokens/{id}"))
        .auth(&admin)
        .send()
        .await
        .expect(204);
    app.get("/api/v1/users")
        .bearer(&token)
        .send()
        .await
        .problem(401, "unauthenticated");
    app.delete("/api/v1/service-tokens/00000000-0000-0000-0000-000000000000")
        .auth(&admin)
        .send()
        .await
        .problem(404, "not_found");
    let with_revoked = app
        .get("/api/v1/service-tokens?include_revoked=true")
        .auth(&admin)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(with_revoked["items"].as_array().unwrap().len(), 2);
    let live = app
        .get("/api/v1/service-tokens")
        .auth(&admin)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(live["items"].as_array().unwrap().len(), 1);
}

async fn service_token_validation(app: TestApp) {
    let admin = app.admin().await;
    let res = app
        .post("/api/v1/service-tokens")
        .auth(&admin)
        .json(&json!({ "name": " ", "role": "boss" }))
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(res.fields(), ["role"]);
    let res = app
        .post("/api/v1/service-tokens")
        .auth(&admin)
        .json(&json!({ "name": " ", "role": "admin" }))
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(res.fields(), ["name"]);
    let res = app
        .post("/api/v1/service-tokens")
        .auth(&admin)
        .json(&json!({ "name": "old", "role": "admin", "expires_at": "2020-01-01T00:00:00Z" }))
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(res.fields(), ["expires_at"]);
}

on_both_backends!(
    login_returns_tokens_that_work,
    wrong_password_and_unknown_email_look_the_same,
    login_validates_its_body,
    deactivated_users_cannot_sign_in_or_refresh,
    refresh_rotates_and_reuse_revokes_the_family,
    logout_revokes_one_sign_in_or_all,
    ending_sessions_ends_access_tokens_at_once,
    repeated_failures_are_throttled_per_account_and_address,
    a_success_resets_the_account_count,
    bad_access_tokens_are_all_401,
    service_tokens_are_shown_once_act_with_their_role_and_revoke,
    service_token_validation,
);
