//! Leads placed in territories by position, then ZIP, city and state.

use closebook_shared::Role;
use serde_json::{Value, json};

use super::common::TestApp;
use super::{draw, square};

pub(crate) async fn leads_are_placed_by_position_then_address(app: TestApp) {
    let manager = app.user(Role::SalesManager, None, None).await;
    let rep = app.user(Role::SalesRep, None, None).await;
    let region = draw(
        &app,
        &manager,
        json!({ "name": "Front Range", "kind": "region", "states": ["CO"] }),
    )
    .await;
    let area = draw(
        &app,
        &manager,
        json!({
            "name": "Denver Metro", "kind": "area", "parent_id": region["id"],
            "geometry": square(-105.2, 39.6, -104.7, 39.9), "zip_codes": ["80302"]
        }),
    )
    .await;
    let micro = draw(&app, &manager, json!({
        "name": "Downtown", "kind": "micro", "parent_id": area["id"], "geometry": square(-105.01, 39.73, -104.97, 39.76)
    }))
    .await;
    // (lead's whereabouts, the territory it lands in)
    let table = [
        (
            json!({ "latitude": 39.745, "longitude": -104.99 }),
            micro["id"].clone(),
        ),
        (
            json!({ "latitude": 39.8, "longitude": -104.8 }),
            area["id"].clone(),
        ),
        (
            json!({ "latitude": 10.0, "longitude": 10.0, "zip": "80302-1234" }),
            area["id"].clone(),
        ),
        (
            json!({ "city": "Pueblo", "state": "co" }),
            region["id"].clone(),
        ),
        (json!({ "city": "Reno", "state": "NV" }), Value::Null),
    ];
    for (n, (at, territory)) in table.iter().enumerate() {
        let mut body = at.clone();
        body["company"] = json!(format!("Placed {n}"));
        let lead = app
            .post("/api/v1/leads")
            .auth(&rep)
            .json(&body)
            .send()
            .await
            .expect(201);
        assert_eq!(lead.body["territory_id"], *territory, "{at}");
    }
    // Moving a lead's address moves it; other edits leave it.
    let lead = app
        .post("/api/v1/leads")
        .auth(&rep)
        .json(&json!({ "company": "Mover", "city": "Reno", "state": "NV" }))
        .send()
        .await
        .expect(201);
    let path = format!("/api/v1/leads/{}", lead.id());
    let moved = app
        .patch(&path)
        .auth(&rep)
        .json(&json!({ "state": "CO" }))
        .send()
        .await
        .expect(200);
    assert_eq!(moved.body["territory_id"], region["id"]);
    // The lead list filters by a territory and everything within it.
    let in_territory = |t: &Value| {
        let (app, rep, path) = (
            &app,
            &rep,
            format!("/api/v1/leads?territory={}", t["id"].as_str().unwrap()),
        );
        async move {
            let page = app.get(&path).auth(rep).send().await.expect(200);
            page.body["items"].as_array().unwrap().len()
        }
    };
    assert_eq!(in_territory(&micro).await, 1);
    assert_eq!(in_territory(&area).await, 3);
    assert_eq!(
        in_territory(&region).await,
        5,
        "the region, its area and its micro-territory"
    );
    // A territory with a lead in it is not deleted.
    app.delete(&format!(
        "/api/v1/territories/{}",
        micro["id"].as_str().unwrap()
    ))
    .auth(&manager)
    .send()
    .await
    .problem(409, "conflict");
}

/// A redrawn shape places the leads again in the background: queued with the change, done in
/// batches that each save their position, taken over when a worker goes quiet.
pub(crate) async fn a_redrawn_shape_places_leads_again_in_the_background(app: TestApp) {
    use closebook_api::domain::territories::replace::step;
    let manager = app.user(Role::SalesManager, None, None).await;
    let rep = app.user(Role::SalesRep, None, None).await;
    let region = draw(
        &app,
        &manager,
        json!({ "name": "Moving", "kind": "region", "geometry": square(0.0, 0.0, 2.0, 2.0) }),
    )
    .await;
    let mut leads = Vec::new();
    for n in 0..3 {
        let lead = app
            .post("/api/v1/leads")
            .auth(&rep)
            .json(&json!({ "company": format!("Inside {n}"), "latitude": 1.0, "longitude": 1.0 }))
            .send()
            .await
            .expect(201)
            .id();
        leads.push(lead);
    }
    let now = closebook_api::time::now();
    // Drain what drawing queued.
    app.db()
        .write(move |c| closebook_api::domain::territories::replace::run_now(c, now))
        .await
        .unwrap();
    let path = format!("/api/v1/territories/{}", region["id"].as_str().unwrap());
    app.patch(&path)
        .auth(&manager)
        .json(&json!({ "geometry": square(10.0, 10.0, 12.0, 12.0) }))
        .send()
        .await
        .expect(200);
    let territory_of = |id: String| {
        let (app, rep) = (&app, &rep);
        async move {
            app.get(&format!("/api/v1/leads/{id}"))
                .auth(rep)
                .send()
                .await
                .body["territory_id"]
                .clone()
        }
    };
    assert_eq!(
        territory_of(leads[0].clone()).await,
        region["id"],
        "until the run gets to it"
    );
    let runs = app
        .get("/api/v1/territory-placements")
        .auth(&rep)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(runs["items"][0]["status"], "queued");
    assert_eq!(runs["items"][0]["reason"], "territory.update moving");

    // Worker A does one lead and goes quiet; B waits while A is fresh, then takes over.
    let batch = |worker: &'static str, at: chrono::NaiveDateTime| {
        let app = &app;
        async move {
            app.db()
                .write(move |c| step(c, worker, at, 1))
                .await
                .unwrap()
        }
    };
    let first = batch("a", now).await.unwrap();
    assert_eq!((first.processed, first.moved), (1, 1));
    assert!(batch("b", now).await.is_none(), "a's run is live");
    let run = app
        .get(&format!("/api/v1/territory-placements/{}", first.id))
        .auth(&rep)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(run["status"], "running");
    assert_eq!(run["total"], 3);
    assert_eq!(run["percent"], 33);
    let later = now + chrono::Duration::minutes(2);
    let mut last = batch("b", later).await.unwrap();
    while last.status != closebook_shared::territories::PlacementStatus::Done {
        last = batch("b", later).await.unwrap();
    }
    assert_eq!((last.processed, last.moved), (3, 3), "each lead once");
    for id in leads {
        assert_eq!(territory_of(id).await, serde_json::Value::Null);
    }
    let run = app
        .get(&format!("/api/v1/territory-placements/{}", first.id))
        .auth(&rep)
        .send()
        .await
        .body;
    assert_eq!(run["percent"], 100);
    // An edit that does not change where leads lie queues nothing.
    app.patch(&path)
        .auth(&manager)
        .json(&json!({ "name": "Renamed" }))
        .send()
        .await
        .expect(200);
    let runs = app
        .get("/api/v1/territory-placements")
        .auth(&rep)
        .send()
        .await
        .body;
    assert_eq!(runs["items"][0]["status"], "done");
}
