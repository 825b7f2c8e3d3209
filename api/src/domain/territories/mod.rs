//! Drawing, changing and removing territories, and who works them.

mod import;
mod mine;
pub mod placing;
pub mod replace;

pub use import::import;
pub use mine::mine;

use closebook_shared::territories::{
    CollectionType, CreateAssignmentRequest, CreateTerritoryRequest, EndAssignmentRequest, Feature,
    FeatureCollection, Territory, TerritoryAssignment, TerritoryKind, UpdateTerritoryRequest,
};
use closebook_shared::{ErrorCode, Role};
use uuid::Uuid;

use crate::audit::{self, Actor};
use crate::db::DbConn;
use crate::db::columns::to_json_list;
use crate::db::territories::{self as rows, AssignmentRow, TerritoryRow};
use crate::db::users as user_rows;
use crate::db::versioned;
use crate::domain::commissions::calendar;
use crate::error::ApiError;
use crate::{concurrency, time};

/// The colour a level is drawn in until someone picks another.
fn default_color(kind: TerritoryKind) -> &'static str {
    match kind {
        TerritoryKind::Region => "#1f6feb",
        TerritoryKind::Area => "#2da44e",
        TerritoryKind::Micro => "#bf8700",
    }
}

/// `Bay Area — North` → `bay-area-north`.
pub fn slug_of(name: &str) -> String {
    let mut slug = String::new();
    for c in name.trim().to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug: String = slug
        .chars()
        .take(closebook_shared::territories::SLUG_MAX - 4)
        .collect();
    if slug.is_empty() {
        "territory".to_owned()
    } else {
        slug.trim_end_matches('-').to_owned()
    }
}

/// The slug a new territory gets: the one asked for (409 when taken), or one made from its name,
/// numbered when the name's is taken.
fn free_slug(conn: &mut DbConn, asked: Option<&str>, name: &str) -> Result<String, ApiError> {
    if let Some(slug) = asked {
        if rows::slug_taken(conn, slug, None)? {
            return Err(slug_conflict());
        }
        return Ok(slug.to_owned());
    }
    let base = slug_of(name);
    let mut candidate = base.clone();
    let mut n = 2;
    while rows::slug_taken(conn, &candidate, None)? {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    Ok(candidate)
}

fn slug_conflict() -> ApiError {
    ApiError::new(ErrorCode::Conflict, "another territory has this slug")
        .on_field("slug", "is already used by another territory")
}

/// A child lies one level below its parent: an area in a region, a micro-territory in an area.
fn check_parent(
    conn: &mut DbConn,
    kind: TerritoryKind,
    parent: Option<Uuid>,
) -> Result<(), ApiError> {
    match (kind.parent_kind(), parent) {
        (None, None) => Ok(()),
        (None, Some(_)) => Err(ApiError::field("parent_id", "a region has no parent")),
        (Some(level), None) => Err(ApiError::field(
            "parent_id",
            format!("needs a parent territory of level `{level}`"),
        )),
        (Some(level), Some(id)) => match rows::find(conn, id)? {
            None => Err(ApiError::reference("parent_id", "no such territory")),
            Some(p) if p.kind != level => Err(ApiError::reference(
                "parent_id",
                format!("must be a {level}, not a {}", p.kind),
            )),
            Some(_) => Ok(()),
        },
    }
}

/// Entries trimmed, blanks and repeats dropped, the order kept.
fn places(list: Vec<String>) -> String {
    let mut out: Vec<String> = Vec::new();
    for v in list {
        let v = v.trim().to_owned();
        if !v.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&v)) {
            out.push(v);
        }
    }
    to_json_list(&out)
}

pub fn create(
    conn: &mut DbConn,
    actor: &Actor,
    req: CreateTerritoryRequest,
) -> Result<Territory, ApiError> {
    check_parent(conn, req.kind, req.parent_id)?;
    let slug = free_slug(conn, req.slug.as_deref(), &req.name)?;
    let now = time::now();
    let mut row = TerritoryRow {
        id: Uuid::now_v7().to_string(),
        name: req.name.trim().to_owned(),
        slug,
        kind: req.kind,
        parent_id: req.parent_id.map(|p| p.to_string()),
        color: req
            .color
            .unwrap_or_else(|| default_color(req.kind).to_owned())
            .to_lowercase(),
        priority_weight: req.priority_weight.unwrap_or(1),
        active: req.active.unwrap_or(true),
        geometry: None,
        west_e6: None,
        south_e6: None,
        east_e6: None,
        north_e6: None,
        zip_codes: places(req.zip_codes),
        cities: places(req.cities),
        states: places(req.states),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    row.set_shape(req.geometry.as_ref())?;
    rows::insert(conn, &row)?;
    // Leads already in the book may lie in it.
    crate::db::placement_runs::enqueue(conn, &format!("territory.create {}", row.slug), now)?;
    audit::record_after(
        conn,
        actor,
        "territory.create",
        "territory",
        &row.id,
        &row.to_summary(),
    )?;
    row.to_dto()
}

pub fn update(
    conn: &mut DbConn,
    actor: &Actor,
    id: Uuid,
    patch: UpdateTerritoryRequest,
    expected: Option<i64>,
) -> Result<Territory, ApiError> {
    let before = rows::find(conn, id)?.ok_or_else(|| ApiError::not_found("territory"))?;
    concurrency::check(expected, before.version)?;
    let mut row = before.clone();
    if let Some(parent) = patch.parent_id {
        check_parent(conn, row.kind, parent)?;
        row.parent_id = parent.map(|p| p.to_string());
    }
    if let Some(slug) = patch.slug {
        if rows::slug_taken(conn, &slug, Some(&row.id))? {
            return Err(slug_conflict());
        }
        row.slug = slug;
    }
    if let Some(name) = patch.name {
        row.name = name.trim().to_owned();
    }
    if let Some(color) = patch.color {
        row.color = color.to_lowercase();
    }
    if let Some(w) = patch.priority_weight {
        row.priority_weight = w;
    }
    if let Some(active) = patch.active {
        row.active = active;
    }
    if let Some(geometry) = patch.geometry {
        row.set_shape(geometry.as_ref())?;
    }
    if let Some(list) = patch.zip_codes {
        row.zip_codes = places(list);
    }
    if let Some(list) = patch.cities {
        row.cities = places(list);
    }
    if let Some(list) = patch.states {
        row.states = places(list);
    }
    let now = time::now();
    versioned::save(conn, &mut row, before.version, now)?;
    let places_differently = (&row.geometry, &row.zip_codes, &row.cities, &row.states)
        != (
            &before.geometry,
            &before.zip_codes,
            &before.cities,
            &before.states,
        )
        || (row.active, row.priority_weight) != (before.active, before.priority_weight);
    if places_differently {
        crate::db::placement_runs::enqueue(conn, &format!("territory.update {}", row.slug), now)?;
    }
    audit::record(
        conn,
        actor,
        "territory.update",
        "territory",
        Some(&row.id),
        Some(&before.to_summary()),
        Some(&row.to_summary()),
    )?;
    row.to_dto()
}

/// Removes a territory nothing depends on: no child territory and no lead placed in it. Its
/// assignments go with it (the audit log keeps the territory as it was).
pub fn delete(conn: &mut DbConn, actor: &Actor, id: Uuid) -> Result<(), ApiError> {
    let row = rows::find(conn, id)?.ok_or_else(|| ApiError::not_found("territory"))?;
    if rows::has_children(conn, &row.id)? {
        return Err(ApiError::conflict(
            "the territory has child territories: move or delete them first",
        ));
    }
    if rows::has_leads(conn, &row.id)? {
        return Err(ApiError::conflict(
            "leads lie in this territory: deactivate it instead (`active: false`)",
        ));
    }
    rows::delete(conn, &row.id)?;
    audit::record(
        conn,
        actor,
        "territory.delete",
        "territory",
        Some(&row.id),
        Some(&row.to_summary()),
        None::<&()>,
    )
}

/// One territory as a GeoJSON Feature, its parent named by slug.
pub fn feature(conn: &mut DbConn, id: Uuid) -> Result<Feature, ApiError> {
    let row = rows::find(conn, id)?.ok_or_else(|| ApiError::not_found("territory"))?;
    let parent = match row.parent_id.as_deref() {
        Some(p) => rows::find(conn, crate::db::columns::uuid_of(p))?.map(|p| p.slug),
        None => None,
    };
    Ok(Feature::of(row.to_dto()?, parent))
}

/// Every territory, by name, as a FeatureCollection.
pub fn export(conn: &mut DbConn) -> Result<FeatureCollection, ApiError> {
    let all = rows::all(conn, false)?;
    let slug_of_id = |id: &str| all.iter().find(|r| r.id == id).map(|r| r.slug.clone());
    let features = all
        .iter()
        .map(|row| {
            let parent = row.parent_id.as_deref().and_then(slug_of_id);
            row.to_dto().map(|t| Feature::of(t, parent))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(FeatureCollection {
        kind: CollectionType::FeatureCollection,
        features,
    })
}

/// Assigns a sales rep or manager to a territory.
pub fn assign(
    conn: &mut DbConn,
    actor: &Actor,
    territory: Uuid,
    req: CreateAssignmentRequest,
) -> Result<TerritoryAssignment, ApiError> {
    let t = rows::find(conn, territory)?.ok_or_else(|| ApiError::not_found("territory"))?;
    let user = match user_rows::find(conn, req.user_id)? {
        None => return Err(ApiError::reference("user_id", "no such user")),
        Some(u) if !u.active => return Err(ApiError::reference("user_id", "is deactivated")),
        Some(u) if !matches!(u.role(), Role::SalesRep | Role::SalesManager) => {
            return Err(ApiError::reference(
                "user_id",
                "must be a sales rep or a sales manager",
            ));
        }
        Some(u) => u,
    };
    let today = calendar::local_date(calendar::zone(conn)?, time::now());
    let from = req.effective_from.unwrap_or(today);
    if req.effective_from.is_none() && req.effective_to.is_some_and(|to| to < from) {
        // The request alone is fine; today, the default start, makes it wrong.
        return Err(
            ApiError::conflict("the assignment would end before it starts").on_field(
                "effective_to",
                "is before today, the default effective_from: give effective_from",
            ),
        );
    }
    if req.effective_to.is_some_and(|to| to < from) {
        return Err(ApiError::field(
            "effective_to",
            "must not be before effective_from",
        ));
    }
    if req.is_primary {
        for mut other in rows::primary_of(conn, &user.id, from)? {
            other.is_primary = false;
            rows::save_assignment(conn, &other)?;
        }
    }
    let row = AssignmentRow {
        id: Uuid::now_v7().to_string(),
        territory_id: t.id,
        user_id: user.id.clone(),
        role: req.role,
        is_primary: req.is_primary,
        effective_from: from,
        effective_to: req.effective_to,
        created_at: time::now(),
    };
    rows::insert_assignment(conn, &row)?;
    let dto = row.to_dto(user.name);
    audit::record_after(
        conn,
        actor,
        "territory.assign",
        "territory_assignment",
        &row.id,
        &dto,
    )?;
    Ok(dto)
}

/// Ends an assignment on a day (today by default); it stays in the territory's history.
pub fn end_assignment(
    conn: &mut DbConn,
    actor: &Actor,
    id: Uuid,
    req: EndAssignmentRequest,
) -> Result<TerritoryAssignment, ApiError> {
    let (before, name) = rows::find_assignment(conn, id)?
        .ok_or_else(|| ApiError::not_found("territory assignment"))?;
    let today = calendar::local_date(calendar::zone(conn)?, time::now());
    let to = req.effective_to.unwrap_or(today);
    if to < before.effective_from {
        return Err(ApiError::field(
            "effective_to",
            "must not be before effective_from",
        ));
    }
    if before.effective_to.is_some_and(|ended| ended <= to) {
        return Err(ApiError::conflict("the assignment has ended already"));
    }
    let mut row = before.clone();
    row.effective_to = Some(to);
    rows::save_assignment(conn, &row)?;
    let (old, new) = (before.to_dto(name.clone()), row.to_dto(name));
    audit::record(
        conn,
        actor,
        "territory.unassign",
        "territory_assignment",
        Some(&row.id),
        Some(&old),
        Some(&new),
    )?;
    Ok(new)
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs_are_made_from_names() {
        let table = [
            ("Bay Area", "bay-area"),
            ("  Bay Area — North  ", "bay-area-north"),
            ("Zone 7/B", "zone-7-b"),
            ("Ünïcode", "n-code"),
            ("---", "territory"),
            ("", "territory"),
        ];
        for (name, slug) in table {
            assert_eq!(super::slug_of(name), slug, "{name}");
        }
    }
}
