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
