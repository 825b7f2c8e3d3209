//! Territories: the hierarchy, shapes refused with the problem named, filters, export, delete
//! rules, assignments with history, and who may do what.

mod assignments;
use crate::common;
mod import;
mod placement;

use assignments::assignments_keep_their_history;
use import::an_import_is_all_or_nothing;
use placement::{
    a_redrawn_shape_places_leads_again_in_the_background, leads_are_placed_by_position_then_address,
};

use closebook_shared::Role;
use common::{TestApp, TestUser};
use serde_json::{Value, json};

pub(crate) fn square(west: f64, south: f64, east: f64, north: f64) -> Value {
    json!({ "type": "Polygon", "coordinates": [[
        [west, south], [east, south], [east, north], [west, north], [west, south]
    ]] })
}

pub(crate) async fn draw(app: &TestApp, who: &TestUser, body: Value) -> Value {
    app.post("/api/v1/territories")
        .auth(who)
        .json(&body)
        .send()
        .await
        .expect(201)
        .body
}

async fn a_hierarchy_is_drawn_level_by_level(app: TestApp) {
    let manager = app.user(Role::SalesManager, None, None).await;
    let created = app
        .post("/api/v1/territories")
        .auth(&manager)
        .json(&json!({ "name": "West Coast", "kind": "region", "geometry": square(-125.0, 32.0, -114.0, 49.0) }))
        .send()
        .await
        .expect(201);
    let region = created.body.clone();
    let id = region["id"].as_str().unwrap();
    assert_eq!(
        created.header("location"),
        Some(format!("/api/v1/territories/{id}").as_str())
    );
    assert_eq!(region["slug"], "west-coast");
    assert_eq!(region["color"], "#1f6feb", "the level's colour by default");
    assert_eq!(region["priority_weight"], 1);
    assert_eq!(region["active"], true);
    assert_eq!(region["bbox"], json!([-125.0, 32.0, -114.0, 49.0]));
    assert_eq!(region["version"], 1);

    let area = draw(&app, &manager, json!({
        "name": "Bay Area", "kind": "area", "parent_id": id, "color": "#ABCDEF",
        "geometry": square(-123.0, 37.0, -121.5, 38.5), "zip_codes": [" 94107 ", "94107", "94110"]
    }))
    .await;
    assert_eq!(area["color"], "#abcdef");
    assert_eq!(
        area["zip_codes"],
        json!(["94107", "94110"]),
        "trimmed, repeats dropped"
    );
    let micro = draw(&app, &manager, json!({
        "name": "SoMa", "kind": "micro", "parent_id": area["id"], "geometry": square(-122.41, 37.77, -122.39, 37.79)
    }))
    .await;
    // A second "SoMa" gets the next free slug.
    let twin = draw(
        &app,
        &manager,
        json!({ "name": "SoMa", "kind": "micro", "parent_id": area["id"] }),
    )
    .await;
    assert_eq!(twin["slug"], "soma-2");
    assert_eq!(twin["geometry"], Value::Null);

    // Each level under the one above, and nothing else.
    let table = [
        (
            json!({ "name": "Orphan area", "kind": "area" }),
            422,
            "parent_id",
        ),
        (
            json!({ "name": "Region in region", "kind": "region", "parent_id": id }),
            422,
            "parent_id",
        ),
        (
            json!({ "name": "Micro in region", "kind": "micro", "parent_id": id }),
            409,
            "parent_id",
        ),
        (
            json!({ "name": "Area in micro", "kind": "area", "parent_id": micro["id"] }),
            409,
            "parent_id",
        ),
        (
            json!({ "name": "Nowhere", "kind": "area", "parent_id": "01a21b3c-f61e-7795-a436-373f270638c2" }),
            409,
            "parent_id",
        ),
        (
            json!({ "name": "Taken", "kind": "region", "slug": "west-coast" }),
            409,
            "slug",
        ),
    ];
    for (body, status, field) in table {
        let res = app
            .post("/api/v1/territories")
            .auth(&manager)
            .json(&body)
            .send()
            .await
            .expect(status);
        assert!(
            res.fields().contains(&field.to_owned()),
            "{body}: {:?}",
            res.body
        );
    }

    let got = app
        .get(&format!(
            "/api/v1/territories/{}",
            micro["id"].as_str().unwrap()
        ))
        .auth(&manager)
        .send()
        .await
        .expect(200);
    assert_eq!(got.header("etag"), Some("\"1\""));
    assert_eq!(got.body["geometry"], micro["geometry"]);
    assert_eq!(got.body["parent_id"], area["id"]);
}

async fn a_bad_shape_is_refused_naming_the_problem(app: TestApp) {
    let admin = app.admin().await;
    let open = json!({ "type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]] });
    let short = json!({ "type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]] });
    let far = json!({ "type": "Polygon", "coordinates": [[[0, 0], [200, 0], [1, 1], [0, 0]]] });
    let bow_tie =
        json!({ "type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] });
    let table = [
        (open, "not closed"),
        (short, "at least 4 positions"),
        (far, "longitude"),
        (bow_tie, "self-intersection"),
    ];
    for (geometry, says) in table {
        let res = app
            .post("/api/v1/territories")
            .auth(&admin)
            .json(&json!({ "name": "Bad", "kind": "region", "geometry": geometry }))
            .send()
            .await
            .problem(422, "validation_failed");
        let message = res.body["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert_eq!(res.body["errors"][0]["field"], "geometry", "{says}");
        assert!(message.contains(says), "{says}: {message}");
    }
    // A Point is no territory.
    app.post("/api/v1/territories")
        .auth(&admin)
        .json(&json!({ "name": "Dot", "kind": "region", "geometry": { "type": "Point", "coordinates": [0, 0] } }))
        .send()
        .await
        .expect(422);
    let count = app
        .get("/api/v1/territories")
        .auth(&admin)
        .send()
        .await
        .expect(200);
    assert_eq!(count.body["items"], json!([]), "nothing half-written");
}

async fn lists_filter_by_parent_kind_activity_and_box(app: TestApp) {
    let admin = app.admin().await;
    let west = draw(
        &app,
        &admin,
        json!({ "name": "West", "kind": "region", "geometry": square(-125.0, 32.0, -114.0, 49.0) }),
    )
    .await;
    let east = draw(&app, &admin, json!({ "name": "East", "kind": "region", "geometry": square(-80.0, 25.0, -67.0, 47.0), "active": false })).await;
    let bay = draw(&app, &admin, json!({ "name": "Bay", "kind": "area", "parent_id": west["id"], "geometry": square(-123.0, 37.0, -121.5, 38.5) })).await;
    let listed = draw(
        &app,
        &admin,
        json!({ "name": "Listed", "kind": "area", "parent_id": west["id"], "states": ["OR"] }),
    )
    .await;
    let ids = |body: &Value| -> Vec<String> {
        body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let id = |t: &Value| t["id"].as_str().unwrap().to_owned();
    let table = [
        ("", vec![id(&bay), id(&east), id(&listed), id(&west)]),
        ("?kind=region", vec![id(&east), id(&west)]),
        ("?active=false", vec![id(&east)]),
        (
            &*format!("?parent_id={}", id(&west)),
            vec![id(&bay), id(&listed)],
        ),
        (
            "?west=-122.5&south=37.5&east=-122.0&north=38.0",
            vec![id(&bay), id(&west)],
        ),
        ("?west=-70&south=40&east=-68&north=42", vec![id(&east)]),
        ("?west=-100", vec![id(&east)]),
        ("?north=30", vec![id(&east)]),
        ("?q=ea", vec![id(&east)]),
    ];
    for (query, expected) in table {
        let res = app
            .get(&format!("/api/v1/territories{query}"))
            .auth(&admin)
            .send()
            .await
            .expect(200);
        assert_eq!(ids(&res.body), expected, "{query}");
    }
    let summary = &app
        .get("/api/v1/territories?q=listed")
        .auth(&admin)
        .send()
        .await
        .expect(200)
        .body["items"][0];
    assert_eq!(summary["listed_places"], 1);
    assert_eq!(summary.get("geometry"), None, "lists leave the shapes out");
    let table = [
        ("west=181", "west"),
        ("south=-91", "south"),
        ("west=10&east=5", "east"),
        ("south=5&north=1", "north"),
        ("north=x", "north"),
    ];
    for (bad, param) in table {
        let res = app
            .get(&format!("/api/v1/territories?{bad}"))
            .auth(&admin)
            .send()
            .await
            .expect(400);
        assert!(res.text.contains(param), "{bad}: {}", res.text);
    }
    let page = app
        .get("/api/v1/territories?limit=3")
        .auth(&admin)
        .send()
        .await
        .expect(200);
    let rest = app
        .get(&format!(
            "/api/v1/territories?limit=3&cursor={}",
            page.body["next_cursor"].as_str().unwrap()
        ))
        .auth(&admin)
        .send()
        .await
        .expect(200);
    assert_eq!(ids(&rest.body), vec![id(&west)]);

    // Export: every territory, parents named by slug; one as a Feature.
    let export = app
        .get("/api/v1/territories/export")
        .auth(&admin)
        .send()
        .await
        .expect(200);
    assert_eq!(export.body["type"], "FeatureCollection");
    let features = export.body["features"].as_array().unwrap();
    assert_eq!(features.len(), 4);
    let bay_feature = features
        .iter()
        .find(|f| f["properties"]["slug"] == "bay")
        .unwrap();
    assert_eq!(bay_feature["type"], "Feature");
    assert_eq!(bay_feature["properties"]["parent"], "west");
    assert_eq!(bay_feature["geometry"], bay["geometry"]);
    let one = app
        .get(&format!("/api/v1/territories/{}/geojson", id(&bay)))
        .auth(&admin)
        .send()
        .await
        .expect(200);
    assert_eq!(&one.body, bay_feature);
}

async fn edits_check_the_version_the_hierarchy_and_the_shape(app: TestApp) {
    let manager = app.user(Role::SalesManager, None, None).await;
    let region = draw(&app, &manager, json!({ "name": "North", "kind": "region" })).await;
    let other = draw(&app, &manager, json!({ "name": "South", "kind": "region" })).await;
    let area = draw(
        &app,
        &manager,
        json!({ "name": "Lakes", "kind": "area", "parent_id": region["id"] }),
    )
    .await;
    let path = format!("/api/v1/territories/{}", area["id"].as_str().unwrap());
    let moved = app
        .patch(&path)
        .auth(&manager)
        .json(&json!({ "version": 1, "parent_id": other["id"], "geometry": square(0.0, 0.0, 1.0, 1.0), "priority_weight": 7 }))
        .send()
        .await
        .expect(200);
    assert_eq!(moved.body["parent_id"], other["id"]);
    assert_eq!(moved.body["bbox"], json!([0.0, 0.0, 1.0, 1.0]));
    assert_eq!(moved.body["version"], 2);
    app.patch(&path)
        .auth(&manager)
        .json(&json!({ "version": 1, "name": "Stale" }))
        .send()
        .await
        .problem(412, "version_mismatch");
    app.patch(&path)
        .auth(&manager)
        .json(&json!({ "parent_id": null }))
        .send()
        .await
        .problem(422, "validation_failed");
    app.patch(&path)
        .auth(&manager)
        .json(&json!({ "geometry": { "type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1]]] } }))
        .send()
        .await
        .problem(422, "validation_failed");
    let cleared = app
        .patch(&path)
        .auth(&manager)
        .json(&json!({ "geometry": null }))
        .send()
        .await
        .expect(200);
    assert_eq!(cleared.body["geometry"], Value::Null);
    assert_eq!(cleared.body["bbox"], Value::Null);

    // Delete: refused while a child lies in it, then allowed.
    let region_path = format!("/api/v1/territories/{}", other["id"].as_str().unwrap());
    app.delete(&region_path)
        .auth(&manager)
        .send()
        .await
        .problem(409, "conflict");
    app.delete(&path).auth(&manager).send().await.expect(204);
    app.get(&path)
        .auth(&manager)
        .send()
        .await
        .problem(404, "not_found");
    app.delete(&region_path)
        .auth(&manager)
        .send()
        .await
        .expect(204);
}

async fn reps_read_and_managers_draw(app: TestApp) {
    let manager = app.user(Role::SalesManager, None, None).await;
    let rep = app.user(Role::SalesRep, None, None).await;
    let partner = app.user(Role::Partner, None, None).await;
    let t = draw(
        &app,
        &manager,
        json!({ "name": "Shared", "kind": "region" }),
    )
    .await;
    let path = format!("/api/v1/territories/{}", t["id"].as_str().unwrap());
    app.get(&path).auth(&rep).send().await.expect(200);
    app.get(&path)
        .auth(&partner)
        .send()
        .await
        .problem(403, "forbidden");
    app.post("/api/v1/territories")
        .auth(&rep)
        .json(&json!({ "name": "Mine", "kind": "region" }))
        .send()
        .await
        .problem(403, "forbidden");
    app.patch(&path)
        .auth(&rep)
        .json(&json!({ "name": "Mine" }))
        .send()
        .await
        .problem(403, "forbidden");
    app.delete(&path)
        .auth(&rep)
        .send()
        .await
        .problem(403, "forbidden");
}

on_both_backends!(
    leads_are_placed_by_position_then_address,
    a_hierarchy_is_drawn_level_by_level,
    a_bad_shape_is_refused_naming_the_problem,
    lists_filter_by_parent_kind_activity_and_box,
    edits_check_the_version_the_hierarchy_and_the_shape,
    assignments_keep_their_history,
    reps_read_and_managers_draw,
    an_import_is_all_or_nothing,
    a_redrawn_shape_places_leads_again_in_the_background,
);
