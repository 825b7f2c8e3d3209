//! Partner resources: marketing assets by tier with downloads counted, the how-to library's
//! progress (never back, 90% completes) and ratings, an account's integrations, and who adds
//! and sees what.

use crate::common;

use closebook_api::db::resources::{IntegrationRow, insert_integration};
use closebook_shared::Role;
use closebook_shared::resources::{IntegrationStatus, Provider};
use common::{TestApp, TestUser};
use serde_json::{Value, json};

fn usd(amount: &str) -> Value {
    json!({ "amount": amount, "currency": "USD" })
}

/// An approved account on `tier` looked after by `rep`, and its user.
async fn account(
    app: &TestApp,
    admin: &TestUser,
    rep: &TestUser,
    name: &str,
    tier: &str,
    email: &str,
) -> (String, TestUser) {
    app.approved_partner(
        admin,
        rep,
        name,
        json!({ "tier": tier, "credit_limit": usd("1000.00"), "payment_terms": "net30" }),
        email,
    )
    .await
}

async fn titles(app: &TestApp, who: &TestUser) -> Vec<String> {
    app.get("/api/v1/marketing-assets")
        .auth(who)
        .send()
        .await
        .expect(200)
        .body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_owned())
        .collect()
}

async fn assets_reach_their_tier_and_above(app: TestApp) {
    let admin = app.admin().await;
    let rep = app.user(Role::SalesRep, None, None).await;
    let (_, starter) = account(
        &app,
        &admin,
        &rep,
        "Corner Deli",
        "starter",
        "a@deli.example",
    )
    .await;
    let (_, growth) = account(
        &app,
        &admin,
        &rep,
        "Lakeview Juice",
        "growth",
        "b@juice.example",
    )
    .await;
    let add = |title: &'static str, min_tier: Value| {
        let (app, admin) = (&app, &admin);
        async move {
            app.post("/api/v1/marketing-assets")
                .auth(admin)
                .json(&json!({ "title": title, "category": "poster",
                               "url": format!("https://cdn.example.com/{}.pdf", title.len()), "min_tier": min_tier }))
                .send()
                .await
                .expect(201)
                .id()
        }
    };
    let everyone = add("For everyone", Value::Null).await;
    let growth_up = add("Growth and up", json!("growth")).await;
    add("Enterprise only", json!("enterprise")).await;
    // Only the back office adds; an address must be https.
    app.post("/api/v1/marketing-assets")
        .auth(&rep)
        .json(&json!({ "title": "Mine", "category": "social", "url": "https://x.example/a" }))
        .send()
        .await
        .problem(403, "forbidden");
    let bad = app
        .post("/api/v1/marketing-assets")
        .auth(&admin)
        .json(&json!({ "title": "Plain", "category": "social", "url": "http://x.example/a" }))
        .send()
        .await
        .expect(422);
    assert_eq!(bad.fields(), ["url"]);

    assert_eq!(titles(&app, &starter).await, ["For everyone"]);
    assert_eq!(
        titles(&app, &growth).await,
        ["Growth and up", "For everyone"]
    );
    assert_eq!(
        titles(&app, &rep).await.len(),
        3,
        "the field sees every asset"
    );
    // Above its tier an asset is not there for a partner (404), downloads are counted.
    app.get(&format!("/api/v1/marketing-assets/{growth_up}"))
        .auth(&starter)
        .send()
        .await
        .problem(404, "not_found");
    app.post(&format!("/api/v1/marketing-assets/{growth_up}/download"))
        .auth(&starter)
        .send()
        .await
        .problem(404, "not_found");
    let first = app
        .post(&format!("/api/v1/marketing-assets/{everyone}/download"))
        .auth(&starter)
        .send()
        .await
        .expect(200);
    assert_eq!(first.body["url"], "https://cdn.example.com/12.pdf");
    assert_eq!(first.body["downloads"], 1);
    let second = app
        .post(&format!("/api/v1/marketing-assets/{everyone}/download"))
        .auth(&growth)
        .send()
        .await
        .expect(200);
    assert_eq!(second.body["downloads"], 2);
    let shown = app
        .get(&format!("/api/v1/marketing-assets/{everyone}"))
        .auth(&admin)
        .send()
        .await
        .expect(200);
    assert_eq!(shown.body["downloads"], 2);
    let posters = app
        .get("/api/v1/marketing-assets?category=social")
        .auth(&admin)
        .send()
        .await
        .expect(200);
    assert_eq!(posters.body["items"], json!([]));
}

async fn videos_keep_each_viewers_progress_and_ratings(app: TestApp) {
    let admin = app.admin().await;
    let rep = app.user(Role::SalesRep, None, None).await;
    let (_, pat) = account(
        &app,
        &admin,
        &rep,
        "Corner Deli",
        "starter",
        "a@deli.example",
    )
    .await;
    let (_, kim) = account(
        &app,
        &admin,
        &rep,
        "Lakeview Juice",
        "growth",
        "b@juice.example",
    )
    .await;
    let video = app
        .post("/api/v1/video-guides")
        .auth(&admin)
        .json(&json!({ "title": "Receiving a frozen delivery", "category": "storage", "duration_seconds": 600,
                       "url": "https://cdn.example.com/receiving.mp4" }))
        .send()
        .await
        .expect(201)
        .id();
    app.post("/api/v1/video-guides")
        .auth(&pat)
        .json(&json!({ "title": "Mine", "category": "storage", "duration_seconds": 60, "url": "https://x.example/v" }))
        .send()
        .await
        .problem(403, "forbidden");
    let progress = |who: &TestUser, body: Value| {
        let (app, who, video) = (&app, who.clone(), video.clone());
        async move {
            app.put(&format!("/api/v1/video-guides/{video}/progress"))
                .auth(&who)
                .json(&body)
                .send()
                .await
        }
    };
    // Progress never goes back; 90% completes it; no further than the video is long.
    let half = progress(&pat, json!({ "watched_seconds": 300 }))
        .await
        .expect(200);
    assert_eq!(
        (
            half.body["watched_seconds"].clone(),
            half.body["completed"].clone()
        ),
        (json!(300), json!(false))
    );
    let replay = progress(&pat, json!({ "watched_seconds": 10 }))
        .await
        .expect(200);
    assert_eq!(replay.body["watched_seconds"], 300);
    let done = progress(&pat, json!({ "watched_seconds": 540, "rating": 5 }))
        .await
        .expect(200);
    assert_eq!(done.body["completed"], true);
    assert_eq!(done.body["my_rating"], 5);
    assert_eq!(
        progress(&pat, json!({ "watched_seconds": 601 }))
            .await
            .expect(422)
            .fields(),
        ["watched_seconds"]
    );
    assert_eq!(
        progress(&pat, json!({ "watched_seconds": 1, "rating": 6 }))
            .await
            .expect(422)
            .fields(),
        ["rating"]
    );
    progress(&kim, json!({ "watched_seconds": 0, "rating": 4 }))
        .await
        .expect(200);
    // Each viewer sees its own progress and everyone's average.
    let theirs = app
        .get("/api/v1/video-guides")
        .auth(&kim)
        .send()
        .await
        .expect(200);
    let v = &theirs.body[0];
    assert_eq!(v["watched_seconds"], 0);
    assert_eq!(v["my_rating"], 4);
    assert_eq!(v["average_rating"], "4.5");
    assert_eq!(v["ratings"], 2);
    let mine = app
        .get(&format!("/api/v1/video-guides/{video}"))
        .auth(&pat)
        .send()
        .await
        .expect(200);
    assert_eq!(mine.body["watched_seconds"], 540);
    // A rating stays when progress is sent without one.
    let kept = progress(&pat, json!({ "watched_seconds": 600 }))
        .await
        .expect(200);
    assert_eq!(kept.body["my_rating"], 5);
}

async fn an_accounts_integrations_are_listed_with_their_status(app: TestApp) {
    let admin = app.admin().await;
    let rep = app.user(Role::SalesRep, None, None).await;
    let other = app.user(Role::SalesRep, None, None).await;
    let (id, pat) = account(
        &app,
        &admin,
        &rep,
        "Corner Deli",
        "starter",
        "a@deli.example",
    )
    .await;
    let now = closebook_api::time::now();
    let partner = id.clone();
    app.db()
        .write(move |c| {
            insert_integration(
                c,
                &IntegrationRow {
                    partner_id: partner,
                    provider: Provider::Square,
                    status: IntegrationStatus::Connected,
                    connected_at: now,
                    last_sync_at: Some(now),
                },
            )
        })
        .await
        .unwrap();
    let listed = app
        .get(&format!("/api/v1/partners/{id}/integrations"))
        .auth(&pat)
        .send()
        .await
        .expect(200);
    let statuses: Vec<(String, String)> = listed
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["provider"].as_str().unwrap().to_owned(),
                i["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(statuses.len(), 6);
    assert!(statuses.contains(&("square".to_owned(), "connected".to_owned())));
    assert!(statuses.contains(&("xero".to_owned(), "not_connected".to_owned())));
    app.get(&format!("/api/v1/partners/{id}/integrations"))
        .auth(&rep)
        .send()
        .await
        .expect(200);
    app.get(&format!("/api/v1/partners/{id}/integrations"))
        .auth(&other)
        .send()
        .await
        .problem(404, "not_found");
}

on_both_backends!(
    assets_reach_their_tier_and_above,
    videos_keep_each_viewers_progress_and_ratings,
    an_accounts_integrations_are_listed_with_their_status
);
