//! A value in the database that is not one the code knows (a corrupt or hand-edited row, or one
//! written by another version) is a 500 problem and an error in the log, never read as some
//! default (issue 9: typed columns).

use crate::common;

use common::TestApp;
use diesel::prelude::*;
use serde_json::json;

async fn a_corrupt_stored_value_is_an_error_not_a_default(app: TestApp) {
    let admin = app.admin().await;
    let lead = app
        .post("/api/v1/leads")
        .auth(&admin)
        .json(&json!({ "company": "Stored Values Ltd" }))
        .send()
        .await
        .expect(201)
        .id();
    let activities = format!("/api/v1/leads/{lead}/activities");
    app.post(&activities)
        .auth(&admin)
        .json(&json!({ "kind": "call", "outcome": "positive" }))
        .send()
        .await
        .expect(201);
    app.post("/api/v1/scripts")
        .auth(&admin)
        .json(&json!({ "slug": "stored", "sales_stage": "FOLLOW_UP", "kind": "script", "title": "T", "body": "B" }))
        .send()
        .await
        .expect(201);
    let pipeline = app
        .post("/api/v1/pipelines")
        .auth(&admin)
        .json(&json!({ "name": "Stored", "stages": [
            { "name": "Open", "probability": 10, "kind": "open" },
            { "name": "Won", "probability": 100, "kind": "won" },
            { "name": "Lost", "probability": 0, "kind": "lost" } ] }))
        .send()
        .await
        .expect(201)
        .id();
    let rep = app
        .user(closebook_shared::Role::SalesRep, None, None)
        .await
        .id;
    app.post("/api/v1/service-tokens")
        .auth(&admin)
        .json(&json!({ "name": "stored", "role": "partner" }))
        .send()
        .await
        .expect(201);
    let team = app.team("Stored", None).await;
    let paid = app
        .user(closebook_shared::Role::SalesRep, None, None)
        .await
        .id;
    let asked = app
        .post("/api/v1/leads")
        .auth(&admin)
        .json(&json!({ "company": "Asked Ltd" }))
        .send()
        .await
        .expect(201)
        .id();
    let qualified = app
        .post("/api/v1/leads")
        .auth(&admin)
        .json(&json!({ "company": "Qualified Ltd", "budget": "confirmed" }))
        .send()
        .await
        .expect(201)
        .id();
    let lead_path = format!("/api/v1/leads/{lead}");
    // (table, column, a value no enum, id or currency holds, which rows, the reads that decode
    // it). Earlier rows stay corrupt, so each read below touches only what was corrupted so far.
    let table = [
        // Ids and currency codes are checked as rows load: a bad one is not a nil UUID or a
        // missing amount.
        (
            "teams",
            "id",
            "not-a-uuid",
            format!("id = '{team}'"),
            vec!["/api/v1/teams".to_owned()],
        ),
        (
            "users",
            "base_salary_currency",
            "XQQ",
            format!("id = '{paid}'"),
            vec![format!("/api/v1/users/{paid}")],
        ),
        (
            "users",
            "role",
            "overlord",
            format!("id = '{rep}'"),
            vec![format!("/api/v1/users/{rep}")],
        ),
        (
            "service_tokens",
            "role",
            "overlord",
            "name = 'stored'".to_owned(),
            vec!["/api/v1/service-tokens".to_owned()],
        ),
        (
            "settings",
            "week_start",
            "funday",
            "1 = 1".to_owned(),
            vec!["/api/v1/settings".to_owned()],
        ),
        (
            "scripts",
            "kind",
            "poem",
            "slug = 'stored'".to_owned(),
            vec!["/api/v1/scripts".to_owned()],
        ),
        (
            "activities",
            "kind",
            "telepathy",
            format!("lead_id = '{lead}'"),
            vec![activities.clone()],
        ),
        (
            "activities",
            "outcome",
            "maybe",
            format!("lead_id = '{lead}'"),
            vec![activities.clone()],
        ),
        (
            "leads",
            "referral_ask_status",
            "pestered",
            format!("id = '{asked}'"),
            vec![format!("/api/v1/leads/{asked}")],
        ),
        (
            "leads",
            "budget",
            "lavish",
            format!("id = '{qualified}'"),
            vec![format!("/api/v1/leads/{qualified}")],
        ),
        (
            "lead_history",
            "kind",
            "teleported",
            format!("lead_id = '{lead}'"),
            vec![format!("/api/v1/leads/{lead}/history")],
        ),
        (
            "leads",
            "outcome",
            "archived",
            format!("id = '{lead}'"),
            vec![lead_path, "/api/v1/leads".to_owned()],
        ),
        (
            "pipeline_stages",
            "kind",
            "limbo",
            format!("pipeline_id = '{pipeline}'"),
            vec![format!("/api/v1/pipelines/{pipeline}")],
        ),
    ];
    let postgres = app.is_postgres();
    for (table_name, column, bogus, rows, reads) in table {
        // The schema's CHECK constraints refuse such values; a row written by another version
        // of the code, or by hand, gets past them, as this does.
        let update = format!("UPDATE {table_name} SET {column} = '{bogus}' WHERE {rows}");
        app.db()
            .write(move |c| {
                let bypass = if postgres {
                    format!("ALTER TABLE {table_name} DROP CONSTRAINT IF EXISTS {table_name}_{column}_check")
                } else {
                    "PRAGMA ignore_check_constraints = ON".to_owned()
                };
                let mut sql = |q: String| {
                    diesel::sql_query(&q).execute(c).map_err(|e| format!("{q}: {e}"))
                };
                sql(bypass).unwrap();
                assert!(sql(update).unwrap() > 0, "{table_name} rows");
                if !postgres {
                    diesel::sql_query("PRAGMA ignore_check_constraints = OFF").execute(c)?;
                }
                Ok(())
            })
            .await
            .unwrap();
        for read in reads {
            let res = app.get(&read).auth(&admin).send().await;
            assert_eq!(
                res.status.as_u16(),
                500,
                "{table_name}.{column} = {bogus}: GET {read} gave {}",
                res.text
            );
            res.problem(500, "internal");
        }
    }
}

on_both_backends!(a_corrupt_stored_value_is_an_error_not_a_default);
