//! Scale territories for the benchmarks: 10 regions over the continental United States, 4 areas
//! in each and 4 micro-territories in each area (210), each outline a wavy ring of 240 vertices
//! (the complexity of a drawn or imported boundary); the reps own the micro-territories (six or
//! seven each), two contribute across each area, and the managers own the regions. Then every
//! lead is placed, batch by batch as the background worker does, and timed.

use std::time::Instant;

use chrono::NaiveDate;
use closebook_shared::Role;
use closebook_shared::territories::{
    AssignmentRole, CreateAssignmentRequest, CreateTerritoryRequest, Geometry, PlacementStatus,
    TerritoryKind,
};
use diesel::prelude::*;
use uuid::Uuid;

use crate::audit::Actor;
use crate::db::Db;
use crate::db::columns::uuid_of;
use crate::db::schema::users;
use crate::domain::territories::{assign, create, replace};

/// The box the leads and territories are spread over: `[west, south, east, north]`.
pub const AREA: [f64; 4] = [-124.0, 25.0, -67.0, 49.0];
const VERTICES: usize = 240;

/// A wavy ring around the centre of `[west, south, east, north]`, inside it: star-shaped about
/// its centre, so it never crosses itself.
fn outline([west, south, east, north]: [f64; 4], seed: f64) -> Geometry {
    let (cx, cy) = ((west + east) / 2.0, (south + north) / 2.0);
    let (rx, ry) = ((east - west) / 2.0, (north - south) / 2.0);
    let mut ring: Vec<Vec<f64>> = (0..VERTICES)
        .map(|i| {
            let a = i as f64 / VERTICES as f64 * std::f64::consts::TAU;
            let r = 0.86 + 0.08 * (7.0 * a + seed).sin() + 0.04 * (13.0 * a - seed).cos();
            let round = |v: f64| (v * 1e6).round() / 1e6;
            vec![round(cx + rx * r * a.cos()), round(cy + ry * r * a.sin())]
        })
        .collect();
    ring.push(ring[0].clone());
    Geometry::Polygon {
        coordinates: vec![ring],
    }
}

/// The four quarters of a box.
fn quarters([w, s, e, n]: [f64; 4]) -> [[f64; 4]; 4] {
    let (mx, my) = ((w + e) / 2.0, (s + n) / 2.0);
    [
        [w, s, mx, my],
        [mx, s, e, my],
        [w, my, mx, n],
        [mx, my, e, n],
    ]
}

fn request(
    name: String,
    kind: TerritoryKind,
    parent: Option<Uuid>,
    shape: Geometry,
) -> CreateTerritoryRequest {
    CreateTerritoryRequest {
        name,
        slug: None,
        kind,
        parent_id: parent,
        color: None,
        priority_weight: None,
        active: None,
        geometry: Some(shape),
        zip_codes: Vec::new(),
        cities: Vec::new(),
        states: Vec::new(),
    }
}

/// Draws the territories and assigns the reps and managers; then places every lead. Returns
/// the report.
pub fn scale(db: &Db, rep_ids: &[String]) -> Result<String, String> {
    let started = Instant::now();
    let since = NaiveDate::from_ymd_opt(2026, 1, 1).ok_or("date")?;
    let rep_ids = rep_ids.to_vec();
    // Through the writer, as requests write: on SQLite its transactions take the write lock
    // first, so a checkpoint of the ledger just written cannot deadlock with them.
    let (drawn, assigned) = crate::seed::write(db, move |c| {
        let managers: Vec<String> = users::table
            .filter(users::role.eq(Role::SalesManager))
            .order(users::id)
            .select(users::id)
            .load(c)?;
        let actor = Actor::system();
        let mut reps = rep_ids.iter().cycle();
        let (mut drawn, mut assigned) = (0usize, 0usize);
        let mut give = |c: &mut crate::db::DbConn, t: Uuid, user: &str, role| {
            let req = CreateAssignmentRequest {
                user_id: uuid_of(user),
                role,
                is_primary: role == AssignmentRole::Owner,
                effective_from: Some(since),
                effective_to: None,
            };
            assigned += 1;
            assign(c, &actor, t, req).map(|_| ())
        };
        let [w, s, e, n] = AREA;
        let column = (e - w) / 5.0;
        let row = (n - s) / 2.0;
        let per_micro = rep_ids.len().div_ceil(160).max(1);
        for r in 0..10 {
            let (x, y) = ((r % 5) as f64, (r / 5) as f64);
            let cell = [
                w + x * column,
                s + y * row,
                w + (x + 1.0) * column,
                s + (y + 1.0) * row,
            ];
            let region = create(
                c,
                &actor,
                request(
                    format!("Region {}", r + 1),
                    TerritoryKind::Region,
                    None,
                    outline(cell, r as f64),
                ),
            )?
            .id;
            drawn += 1;
            if let Some(m) = managers.get(r % managers.len().max(1)) {
                give(c, region, m, AssignmentRole::Owner)?;
            }
            for (a, area_cell) in quarters(cell).into_iter().enumerate() {
                let area = create(
                    c,
                    &actor,
                    request(
                        format!("Area {}.{}", r + 1, a + 1),
                        TerritoryKind::Area,
                        Some(region),
                        outline(area_cell, a as f64 + 0.5),
                    ),
                )?
                .id;
                drawn += 1;
                for (m, micro_cell) in quarters(area_cell).into_iter().enumerate() {
                    let micro = create(
                        c,
                        &actor,
                        request(
                            format!("Micro {}.{}.{}", r + 1, a + 1, m + 1),
                            TerritoryKind::Micro,
                            Some(area),
                            outline(micro_cell, m as f64 + 0.25),
                        ),
                    )?
                    .id;
                    drawn += 1;
                    for _ in 0..per_micro {
                        if let Some(rep) = reps.next() {
                            give(c, micro, rep, AssignmentRole::Owner)?;
                        }
                    }
                }
                for _ in 0..2 {
                    if let Some(rep) = reps.next() {
                        give(c, area, rep, AssignmentRole::Contributor)?;
                    }
                }
            }
        }
        Ok((drawn, assigned))
    })?;
    let drawing = started.elapsed().as_secs_f64();
    // Placing every lead: the background worker's batches, each its own transaction.
    let started = Instant::now();
    let (mut processed, mut moved) = (0, 0);
    loop {
        let step = crate::seed::write(db, |c| replace::step(c, "seed", crate::time::now(), 5_000))?;
        match step {
            Some(run) if run.status == PlacementStatus::Done => {
                processed = run.processed;
                moved = run.moved;
            }
            Some(_) => {}
            None => break,
        }
    }
    let placing = started.elapsed().as_secs_f64();
    Ok(format!(
        "Drew {drawn} territories ({VERTICES} vertices each) and made {assigned} assignments in {drawing:.1} s; \
         placed {processed} leads ({moved} in a territory) in {placing:.1} s"
    ))
}
