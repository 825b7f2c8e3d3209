//! `POST /territories/import`: a FeatureCollection in, all of it or none. Features are taken
//! level by level (regions, then areas, then micro-territories), so a parent named by slug may
//! stand anywhere in the file; a feature whose slug exists updates that territory.

use closebook_shared::territories::{
    ImportFeature, ImportReport, ImportRequest, TerritorySummary, UpdateTerritoryRequest,
};
use closebook_shared::{ErrorCode, FieldError};
use diesel::prelude::*;
use uuid::Uuid;

use super::{create, update};
use crate::audit::Actor;
use crate::db::DbConn;
use crate::db::columns::uuid_of;
use crate::db::schema::territories;
use crate::error::ApiError;

pub fn import(
    conn: &mut DbConn,
    actor: &Actor,
    req: ImportRequest,
) -> Result<ImportReport, ApiError> {
    let mut order: Vec<usize> = (0..req.features.len()).collect();
    order.sort_by_key(|&i| req.features[i].properties.kind.depth());
    let mut done: Vec<Option<TerritorySummary>> = vec![None; req.features.len()];
    let (mut created, mut updated) = (0, 0);
    let mut errors: Vec<FieldError> = Vec::new();
    // Whether every problem is the data's (a parent that is not there, a slug of another
    // level): then the request itself is sound, and the answer a 409 like any bad reference.
    let mut state_only = true;
    for i in order {
        let f = &req.features[i];
        match one(conn, actor, f) {
            Ok((t, was_there)) => {
                if was_there {
                    updated += 1;
                } else {
                    created += 1;
                }
                done[i] = Some(t);
            }
            Err(e) => {
                state_only &= matches!(e.code, ErrorCode::InvalidReference | ErrorCode::Conflict);
                errors.extend(at_feature(i, e));
            }
        }
    }
    // Either way the transaction rolls back: nothing of this import stays.
    if !errors.is_empty() && state_only {
        let mut e = ApiError::new(
            ErrorCode::InvalidReference,
            "the import names territories that are not there (or not at that level); nothing was imported",
        );
        e.errors = errors;
        return Err(e);
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    Ok(ImportReport {
        created,
        updated,
        territories: done.into_iter().flatten().collect(),
    })
}

/// Creates or updates one feature's territory; true when it was there already.
fn one(
    conn: &mut DbConn,
    actor: &Actor,
    f: &ImportFeature,
) -> Result<(TerritorySummary, bool), ApiError> {
    let parent = match &f.properties.parent {
        None => None,
        Some(slug) => Some(id_of_slug(conn, slug)?.ok_or_else(|| {
            ApiError::reference("parent", format!("no territory has the slug `{slug}`"))
        })?),
    };
    let existing = match &f.properties.slug {
        Some(slug) => id_of_slug(conn, slug)?,
        None => None,
    };
    let territory = match existing {
        None => {
            let mut req = f.to_create();
            req.parent_id = parent;
            create(conn, actor, req)?
        }
        Some(id) => {
            let p = &f.properties;
            let patch = UpdateTerritoryRequest {
                version: None,
                name: Some(p.name.clone()),
                slug: None,
                parent_id: Some(parent),
                color: p.color.clone(),
                priority_weight: p.priority_weight,
                active: p.active,
                geometry: Some(f.geometry.clone()),
                zip_codes: Some(p.zip_codes.clone()),
                cities: Some(p.cities.clone()),
                states: Some(p.states.clone()),
            };
            let t = update(conn, actor, id, patch, None)?;
            if t.kind != p.kind {
                return Err(ApiError::reference(
                    "kind",
                    format!("`{}` is a {}; a territory keeps its level", t.slug, t.kind),
                ));
            }
            t
        }
    };
    let summary = crate::db::territories::find(conn, territory.id)?
        .ok_or_else(|| ApiError::internal("imported territory vanished"))?
        .to_summary();
    Ok((summary, existing.is_some()))
}

fn id_of_slug(conn: &mut DbConn, slug: &str) -> Result<Option<Uuid>, ApiError> {
    let id: Option<String> = territories::table
        .filter(territories::slug.eq(slug))
        .select(territories::id)
        .first(conn)
        .optional()?;
    Ok(id.as_deref().map(uuid_of))
}

/// A feature's problems, each named by where it stands in the request.
fn at_feature(i: usize, e: ApiError) -> Vec<FieldError> {
    let place = |field: &str| {
        if field.starts_with("geometry") || field.starts_with("coordinates") {
            format!(
                "features[{i}].geometry{}",
                field
                    .strip_prefix("geometry")
                    .unwrap_or(&format!(".{field}"))
            )
        } else if field == "parent_id" {
            format!("features[{i}].properties.parent")
        } else {
            format!("features[{i}].properties.{field}")
        }
    };
    if e.errors.is_empty() {
        return vec![FieldError::new(format!("features[{i}]"), e.detail)];
    }
    e.errors
        .into_iter()
        .map(|fe| FieldError::new(place(&fe.field), fe.message))
        .collect()
}
