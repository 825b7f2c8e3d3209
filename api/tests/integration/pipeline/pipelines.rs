//! Built-in pipelines and an admin's edits of pipelines and stages.

use super::*;

pub(super) async fn built_in_pipelines_and_admin_edits(app: TestApp) {
    let o = org(&app).await;
    let list = app
        .get("/api/v1/pipelines")
        .auth(&o.rep)
        .send()
        .await
        .expect(200);
    let names: Vec<&str> = list
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Assisted sales", "B2B wholesale"]);
    let assisted = &list.body[0];
    assert_eq!(assisted["is_default"], true);
    // The default is changed by making another the default, never by unsetting it: the
    // pipeline's state refuses the value, so 409 naming the field.
    let unset = app
        .patch(&format!("/api/v1/pipelines/{ASSISTED}"))
        .auth(&o.admin)
        .json(&json!({ "is_default": false }))
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(unset.fields(), ["is_default"]);
    let keys: Vec<&str> = assisted["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "NEW",
            "CONTACTED",
            "REQUIREMENTS_CAPTURED",
            "SHORTLIST_SENT",
            "VISIT_SCHEDULED",
            "VISIT_COMPLETED",
            "NEGOTIATION",
            "AGREEMENT_PENDING",
            "CLOSED_WON",
            "CLOSED_LOST"
        ]
    );
    let b2b_keys: Vec<&str> = list.body[1]["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        b2b_keys,
        [
            "new",
            "contacted",
            "qualified",
            "demo_scheduled",
            "demo_completed",
            "proposal_sent",
            "negotiation",
            "closed_won",
            "closed_lost"
        ]
    );

    // Validation: a pipeline needs exactly one won and one lost stage.
    let bad = app
        .post("/api/v1/pipelines")
        .auth(&o.admin)
        .json(&json!({ "name": "Bad", "stages": [
            { "name": "New", "probability": 10, "kind": "open" },
            { "name": "Won", "probability": 100, "kind": "won" },
            { "name": "Also won", "probability": 100, "kind": "won" } ] }))
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(bad.fields(), ["stages", "stages"]);
    app.post("/api/v1/pipelines")
        .auth(&o.manager)
        .json(&json!({ "name": "Nope", "stages": [
            { "name": "New", "probability": 10, "kind": "open" },
            { "name": "Won", "probability": 100, "kind": "won" },
            { "name": "Lost", "probability": 0, "kind": "lost" } ] }))
        .send()
        .await
        .problem(403, "forbidden");

    let created = app
        .post("/api/v1/pipelines")
        .auth(&o.admin)
        .json(&json!({ "name": "Renewals", "stages": [
            { "name": "Due", "probability": 20, "kind": "open" },
            { "name": "Quoted", "probability": 60, "kind": "open" },
            { "name": "Renewed", "probability": 100, "kind": "won" },
            { "name": "Churned", "probability": 0, "kind": "lost" } ] }))
        .send()
        .await
        .expect(201);
    let pid = id(&created.body);
    let stages = created.body["stages"].as_array().unwrap().clone();
    assert_eq!(stages[1]["key"], "quoted");

    // A lead in "Due", then: reorder and rename (fine), delete "Due" (refused while it has leads).
    let lead = new_lead(
        &app,
        &o.rep,
        json!({ "company": "Renew Co", "pipeline_id": pid }),
    )
    .await;
    assert_eq!(lead["stage_key"], "due");
    let reordered = json!({ "version": 1, "stages": [
        { "id": stages[1]["id"], "name": "Quote sent", "probability": 65, "kind": "open" },
        { "id": stages[0]["id"], "key": "due", "name": "Due soon", "probability": 20, "kind": "open" },
        { "id": stages[2]["id"], "name": "Renewed", "probability": 100, "kind": "won" },
        { "id": stages[3]["id"], "name": "Churned", "probability": 0, "kind": "lost" } ] });
    let got = app
        .patch(&format!("/api/v1/pipelines/{pid}"))
        .auth(&o.admin)
        .json(&reordered)
        .send()
        .await
        .expect(200);
    let names: Vec<&str> = got.body["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Quote sent", "Due soon", "Renewed", "Churned"]);
    assert_eq!(got.body["stages"][1]["lead_count"], 1);
    app.patch(&format!("/api/v1/pipelines/{pid}"))
        .auth(&o.admin)
        .json(&reordered)
        .send()
        .await
        .problem(412, "version_mismatch");
    let without_due = json!({ "stages": [
        { "id": stages[1]["id"], "name": "Quote sent", "probability": 65, "kind": "open" },
        { "id": stages[2]["id"], "name": "Renewed", "probability": 100, "kind": "won" },
        { "id": stages[3]["id"], "name": "Churned", "probability": 0, "kind": "lost" } ] });
    let refused = app
        .patch(&format!("/api/v1/pipelines/{pid}"))
        .auth(&o.admin)
        .json(&without_due)
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(refused.fields(), ["stages"]);
    // An id that is not one of this pipeline's stages names no record; a stage holding leads
    // keeps its kind; a new pipeline's stages carry no ids.
    let mut edit = reordered.clone();
    edit["version"] = json!(2);
    edit["stages"][0]["id"] = json!(ASSISTED);
    let unknown = app
        .patch(&format!("/api/v1/pipelines/{pid}"))
        .auth(&o.admin)
        .json(&edit)
        .send()
        .await
        .problem(409, "invalid_reference");
    assert_eq!(unknown.fields(), ["stages[0].id"]);
    let mut edit = reordered.clone();
    edit["version"] = json!(2);
    edit["stages"][1]["kind"] = json!("won");
    edit["stages"][2]["kind"] = json!("open");
    let kind_change = app
        .patch(&format!("/api/v1/pipelines/{pid}"))
        .auth(&o.admin)
        .json(&edit)
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(kind_change.fields(), ["stages[1].kind"]);
    app.post("/api/v1/pipelines")
        .auth(&o.admin)
        .json(&json!({ "name": "With ids", "stages": [
            { "id": stages[0]["id"], "name": "New", "probability": 10, "kind": "open" },
            { "name": "Won", "probability": 100, "kind": "won" },
            { "name": "Lost", "probability": 0, "kind": "lost" } ] }))
        .send()
        .await
        .problem(422, "validation_failed");
    let still = app
        .get(&format!("/api/v1/pipelines/{pid}"))
        .auth(&o.admin)
        .send()
        .await
        .expect(200);
    assert_eq!(
        still.body["stages"].as_array().unwrap().len(),
        4,
        "nothing half-written"
    );
    app.get(&format!("/api/v1/pipelines/{pid}"))
        .auth(&o.partner)
        .send()
        .await
        .problem(403, "forbidden");
}
