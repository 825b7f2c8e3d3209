//! Allocations fired in parallel (many transactions at once: on PostgreSQL each on its own
//! connection) keep LAR-002's capacity and LAR-004's turn: the sequence row serialises them.

use std::collections::HashMap;

use futures_util::future::join_all;
use serde_json::{Value, json};

use super::common::TestApp;
use super::{World, world};

/// Creates `n` ownerless leads in the micro-territory at once; how many each rep got, and how
/// many went to the overflow pool.
async fn fire(app: &TestApp, w: &World, n: usize) -> (Vec<u32>, u32) {
    let requests = (0..n).map(|i| {
        app.post("/api/v1/leads")
            .auth(&w.manager)
            .json(
                &json!({ "company": format!("Parallel {i}"), "latitude": 10.5, "longitude": 10.5 }),
            )
            .send()
    });
    let made: Vec<Value> = join_all(requests)
        .await
        .into_iter()
        .map(|r| r.expect(201).body)
        .collect();
    let mut per_rep: HashMap<String, u32> = HashMap::new();
    let mut overflow = 0;
    for lead in &made {
        match lead["owner_id"].as_str() {
            Some(owner) => *per_rep.entry(owner.to_owned()).or_default() += 1,
            None => overflow += 1,
        }
    }
    let counts = w
        .reps
        .iter()
        .map(|r| per_rep.get(&r.id.to_string()).copied().unwrap_or(0))
        .collect();
    (counts, overflow)
}

pub(crate) async fn parallel_allocations_keep_capacity_and_turn(app: TestApp) {
    let w = world(&app, 4).await;
    app.patch("/api/v1/settings")
        .auth(&w.admin)
        .json(&json!({ "allocation": {
            "geographic": true, "max_active_leads": 5, "skill_match": "prefer",
            "high_value_minor": null, "high_performer_score": 80, "sla_minutes": 120
        } }))
        .send()
        .await
        .expect(200);
    let (counts, overflow) = fire(&app, &w, 30).await;
    assert_eq!(
        counts,
        [5, 5, 5, 5],
        "every rep filled to capacity, none beyond"
    );
    assert_eq!(overflow, 10);
    // The workload report agrees with what the leads say.
    let workload = app
        .get("/api/v1/allocations/workload")
        .auth(&w.manager)
        .send()
        .await
        .body;
    for rep in workload["reps"].as_array().unwrap() {
        assert_eq!(rep["queue_depth"], 5);
        assert_eq!(rep["utilisation_percent"], 100);
    }
    assert_eq!(workload["overflow"], 10);
    assert_eq!(workload["utilisation_spread"], 0.0);
}

pub(crate) async fn parallel_allocations_stay_within_one(app: TestApp) {
    let w = world(&app, 4).await;
    let (counts, overflow) = fire(&app, &w, 22).await;
    assert_eq!(overflow, 0);
    assert_eq!(counts.iter().sum::<u32>(), 22);
    let (most, least) = (counts.iter().max().unwrap(), counts.iter().min().unwrap());
    assert!(most - least <= 1, "round robin spread {counts:?}");
}
