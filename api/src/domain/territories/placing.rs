//! Which territory a lead lies in (`closebook_shared::territories::place`), over the active
//! territories as they are now. Their shapes are parsed once and kept until a territory changes:
//! every lead create asks, and parsing a few hundred outlines of hundreds of vertices each time
//! would cost more than the rest of the request.

use std::sync::{Arc, Mutex};

use closebook_shared::territories::{Placeable, Shape, TerritoryKind, Whereabouts, place};
use uuid::Uuid;

use crate::db::DbConn;
use crate::db::columns::{json_list, uuid_of};
use crate::db::leads::LeadRow;
use crate::db::territories::{self as rows, Generation};
use crate::error::ApiError;

struct Entry {
    id: Uuid,
    kind: TerritoryKind,
    priority_weight: i32,
    shape: Option<Shape>,
    zip_codes: Vec<String>,
    cities: Vec<String>,
    states: Vec<String>,
}

/// The active territories, ready to place leads in.
pub struct Territories {
    generation: Generation,
    entries: Vec<Entry>,
}

impl Territories {
    pub fn place(&self, at: &Whereabouts<'_>) -> Option<Uuid> {
        let all: Vec<Placeable<'_>> = self
            .entries
            .iter()
            .map(|e| Placeable {
                id: e.id,
                kind: e.kind,
                priority_weight: e.priority_weight,
                shape: e.shape.as_ref(),
                zip_codes: &e.zip_codes,
                cities: &e.cities,
                states: &e.states,
            })
            .collect();
        place(at, &all).map(|(id, _)| id)
    }
}

/// The last territories read, shared by every request of the process. The generation (count,
/// latest change, highest id of the active territories) tells whether they are still current,
/// also when another process changed them, and tells one database's from another's.
static CURRENT: Mutex<Option<Arc<Territories>>> = Mutex::new(None);

pub fn territories(conn: &mut DbConn) -> Result<Arc<Territories>, ApiError> {
    let generation = rows::generation(conn)?;
    let cached = CURRENT.lock().ok().and_then(|c| c.clone());
    if let Some(t) = cached.filter(|t| t.generation == generation) {
        return Ok(t);
    }
    let entries = rows::all(conn, true)?
        .iter()
        .map(|row| {
            Ok(Entry {
                id: uuid_of(&row.id),
                kind: row.kind,
                priority_weight: row.priority_weight,
                shape: row.shape()?.as_ref().map(Shape::new),
                zip_codes: json_list(&row.zip_codes),
                cities: json_list(&row.cities),
                states: json_list(&row.states),
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let fresh = Arc::new(Territories {
        generation,
        entries,
    });
    if let Ok(mut c) = CURRENT.lock() {
        *c = Some(fresh.clone());
    }
    Ok(fresh)
}

/// The territory the lead's row places it in.
pub fn territory_of(conn: &mut DbConn, row: &LeadRow) -> Result<Option<String>, ApiError> {
    Ok(territories(conn)?
        .place(&row.whereabouts())
        .map(|id| id.to_string()))
}
