//! GeoJSON import: level by level, matched by slug, all or nothing.

use closebook_shared::Role;
use serde_json::json;

use super::common::TestApp;
use super::square;

pub(crate) async fn an_import_is_all_or_nothing(app: TestApp) {
    let manager = app.user(Role::SalesManager, None, None).await;
    let feature = |name: &str, slug: &str, kind: &str, parent: Option<&str>, geometry| {
        json!({ "type": "Feature", "geometry": geometry,
                "properties": { "name": name, "slug": slug, "kind": kind, "parent": parent, "zip_codes": ["10001"] } })
    };
    // Children before their parents: the import takes them level by level.
    let file = json!({ "type": "FeatureCollection", "features": [
        feature("Midtown", "midtown", "micro", Some("manhattan"), square(-74.0, 40.74, -73.97, 40.77)),
        feature("Manhattan", "manhattan", "area", Some("new-york"), square(-74.03, 40.68, -73.9, 40.88)),
        feature("New York", "new-york", "region", None, square(-80.0, 40.0, -71.0, 45.0)),
    ] });
    let report = app
        .post("/api/v1/territories/import")
        .auth(&manager)
        .json(&file)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(report["created"], 3);
    assert_eq!(report["updated"], 0);
    let names: Vec<&str> = report["territories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Midtown", "Manhattan", "New York"],
        "in the file's order"
    );
    assert_eq!(
        report["territories"][0]["parent_id"],
        report["territories"][1]["id"]
    );

    // The export reads back in: every territory updated, none made.
    let export = app
        .get("/api/v1/territories/export")
        .auth(&manager)
        .send()
        .await
        .expect(200)
        .body;
    let again = app
        .post("/api/v1/territories/import")
        .auth(&manager)
        .json(&export)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(
        (again["created"].clone(), again["updated"].clone()),
        (json!(0), json!(3))
    );

    // Parents that are not there: both named, and the good feature beside them is not kept.
    let bad = json!({ "type": "FeatureCollection", "features": [
        feature("Brooklyn", "brooklyn", "area", Some("new-york"), square(-74.05, 40.57, -73.85, 40.74)),
        feature("Queens", "queens", "area", Some("nowhere"), serde_json::Value::Null),
        feature("Bronx", "bronx", "micro", Some("the-bronx"), serde_json::Value::Null),
    ] });
    let res = app
        .post("/api/v1/territories/import")
        .auth(&manager)
        .json(&bad)
        .send()
        .await
        .problem(409, "invalid_reference");
    assert_eq!(
        res.fields(),
        [
            "features[1].properties.parent",
            "features[2].properties.parent"
        ],
        "{}",
        res.text
    );
    let found = app
        .get("/api/v1/territories?q=brooklyn")
        .auth(&manager)
        .send()
        .await
        .expect(200)
        .body;
    assert_eq!(
        found["items"],
        json!([]),
        "nothing of a refused import stays"
    );
    // A shape that breaks GeoJSON's rules is named by its place in the file.
    let unclosed = json!({ "type": "FeatureCollection", "features": [
        feature("Brooklyn", "brooklyn", "area", Some("new-york"), square(-74.05, 40.57, -73.85, 40.74)),
        { "type": "Feature", "geometry": { "type": "Polygon", "coordinates": [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]] },
          "properties": { "name": "Staten Island", "kind": "area", "parent": "new-york" } },
    ] });
    let res = app
        .post("/api/v1/territories/import")
        .auth(&manager)
        .json(&unclosed)
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(res.fields(), ["features[1].geometry"], "{}", res.text);
    assert!(res.text.contains("coordinates[0]"), "{}", res.text);
    // Reps may not import.
    let rep = app.user(Role::SalesRep, None, None).await;
    app.post("/api/v1/territories/import")
        .auth(&rep)
        .json(&file)
        .send()
        .await
        .problem(403, "forbidden");
}
