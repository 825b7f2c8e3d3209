//! The demo's territories: a region per team (Great Lakes, Front Range), its areas and
//! micro-territories drawn around the cities its leads are in, each manager owning its region
//! and each rep a micro-territory. Written through the domain, so they are validated and audited
//! like a manager's.

use chrono::NaiveDate;
use closebook_shared::territories::{
    AssignmentRole, CreateAssignmentRequest, CreateTerritoryRequest, Geometry, TerritoryKind,
};
use uuid::Uuid;

use crate::audit::Actor;
use crate::db::DbConn;
use crate::domain::territories::{assign, create};
use crate::error::ApiError;

/// A box as a closed ring, `[west, south, east, north]`.
fn square([west, south, east, north]: [f64; 4]) -> Geometry {
    Geometry::Polygon {
        coordinates: vec![vec![
            vec![west, south],
            vec![east, south],
            vec![east, north],
            vec![west, north],
            vec![west, south],
        ]],
    }
}

struct Place {
    name: &'static str,
    shape: Option<[f64; 4]>,
    zips: &'static [&'static str],
    cities: &'static [&'static str],
    states: &'static [&'static str],
}

const fn place(name: &'static str, shape: [f64; 4]) -> Place {
    Place {
        name,
        shape: Some(shape),
        zips: &[],
        cities: &[],
        states: &[],
    }
}

struct Region {
    region: Place,
    /// Each area with its micro-territories.
    areas: [(Place, &'static [Place]); 2],
}

const REGIONS: [Region; 2] = [
    Region {
        region: Place {
            states: &["IL", "WI"],
            ..place("Great Lakes", [-91.5, 36.9, -86.2, 47.1])
        },
        areas: [
            (
                place("Chicagoland", [-88.3, 41.6, -87.5, 42.2]),
                &[
                    place("Chicago Loop & West Loop", [-87.70, 41.85, -87.60, 41.90]),
                    Place {
                        cities: &["Evanston"],
                        zips: &["60201", "60202"],
                        ..place("Evanston & North Shore", [-87.75, 42.01, -87.66, 42.10])
                    },
                    place("South Side", [-87.75, 41.70, -87.52, 41.85]),
                ],
            ),
            (
                Place {
                    zips: &["53202", "53203", "53204"],
                    cities: &["Milwaukee"],
                    ..place("Milwaukee Metro", [-88.1, 42.9, -87.8, 43.2])
                },
                &[
                    place("Milwaukee Downtown", [-87.93, 43.03, -87.89, 43.06]),
                    place("Third Ward", [-87.92, 43.02, -87.90, 43.035]),
                ],
            ),
        ],
    },
    Region {
        region: Place {
            states: &["CO"],
            ..place("Front Range", [-105.8, 38.5, -104.3, 41.0])
        },
        areas: [
            (
                place("Denver Metro", [-105.2, 39.6, -104.7, 39.9]),
                &[
                    place("Downtown Denver", [-105.01, 39.73, -104.97, 39.76]),
                    place("RiNo & Five Points", [-104.99, 39.75, -104.95, 39.78]),
                    place("Cherry Creek", [-104.96, 39.70, -104.92, 39.73]),
                ],
            ),
            (
                Place {
                    cities: &["Boulder", "Fort Collins"],
                    ..place("Northern Colorado", [-105.4, 39.9, -104.9, 40.7])
                },
                &[
                    Place {
                        zips: &["80302", "80301"],
                        ..place("Boulder", [-105.30, 39.98, -105.20, 40.06])
                    },
                    Place {
                        zips: &["80524", "80521"],
                        ..place("Fort Collins", [-105.15, 40.52, -105.03, 40.62])
                    },
                ],
            ),
        ],
    },
];

fn request(p: &Place, kind: TerritoryKind, parent: Option<Uuid>) -> CreateTerritoryRequest {
    let list = |l: &[&str]| l.iter().map(|s| (*s).to_owned()).collect();
    CreateTerritoryRequest {
        name: p.name.to_owned(),
        slug: None,
        kind,
        parent_id: parent,
        color: None,
        priority_weight: None,
        active: None,
        geometry: p.shape.map(square),
        zip_codes: list(p.zips),
        cities: list(p.cities),
        states: list(p.states),
    }
}

/// Draws the territories and assigns `teams` (each manager with its reps, in the order of
/// [`REGIONS`]); returns how many territories it drew.
pub fn territories(
    c: &mut DbConn,
    actor: &Actor,
    teams: &[(Uuid, Vec<Uuid>)],
    since: NaiveDate,
) -> Result<usize, ApiError> {
    let mut drawn = 0;
    let assign_to = |c: &mut DbConn, territory: Uuid, user: Uuid, role, primary| {
        let req = CreateAssignmentRequest {
            user_id: user,
            role,
            is_primary: primary,
            effective_from: Some(since),
            effective_to: None,
        };
        assign(c, actor, territory, req).map(|_| ())
    };
    for (region, (manager, reps)) in REGIONS.iter().zip(teams) {
        let top = create(
            c,
            actor,
            request(&region.region, TerritoryKind::Region, None),
        )?
        .id;
        assign_to(c, top, *manager, AssignmentRole::Owner, true)?;
        drawn += 1;
        let mut rep = reps.iter().cycle();
        for (area, micros) in &region.areas {
            let middle = create(c, actor, request(area, TerritoryKind::Area, Some(top)))?.id;
            drawn += 1;
            for micro in *micros {
                let t = create(c, actor, request(micro, TerritoryKind::Micro, Some(middle)))?.id;
                drawn += 1;
                if let Some(owner) = rep.next() {
                    assign_to(c, t, *owner, AssignmentRole::Owner, true)?;
                }
            }
            // The area's reps contribute across it.
            for r in reps.iter().take(2) {
                assign_to(c, middle, *r, AssignmentRole::Contributor, false)?;
            }
        }
    }
    Ok(drawn)
}
