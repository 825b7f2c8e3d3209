//! Territory rows, their assignments, and the queries over them.

use chrono::{NaiveDate, NaiveDateTime};
use closebook_shared::Page;
use closebook_shared::territories::{
    AssignmentRole, Geometry, Territory, TerritoryAssignment, TerritoryKind, TerritoryListQuery,
    TerritorySummary,
};
use diesel::prelude::*;
use uuid::Uuid;

use super::DbConn;
use super::columns::{
    StoredId, StoredOptId, from_e6, json_list, like_pattern, lower, to_e6, uuid_of as uuid,
};
use super::schema::{leads, territories, territory_assignments, users};
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset, text_key};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = territories, treat_none_as_null = true)]
pub struct TerritoryRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    pub name: String,
    pub slug: String,
    pub kind: TerritoryKind,
    #[diesel(deserialize_as = StoredOptId)]
    pub parent_id: Option<String>,
    pub color: String,
    pub priority_weight: i32,
    pub active: bool,
    pub geometry: Option<String>,
    pub west_e6: Option<i64>,
    pub south_e6: Option<i64>,
    pub east_e6: Option<i64>,
    pub north_e6: Option<i64>,
    pub zip_codes: String,
    pub cities: String,
    pub states: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl TerritoryRow {
    /// The stored shape. Closebook writes only shapes it validated, so one that does not read
    /// back is a corrupt row: a 500 naming it, never a territory silently without its shape.
    pub fn shape(&self) -> Result<Option<Geometry>, ApiError> {
        self.geometry
            .as_deref()
            .map(|g| {
                serde_json::from_str(g).map_err(|e| {
                    ApiError::internal(format!(
                        "territory {}: stored geometry unreadable: {e}",
                        self.id
                    ))
                })
            })
            .transpose()
    }

    pub fn bbox(&self) -> Option<Vec<f64>> {
        Some(vec![
            from_e6(self.west_e6?),
            from_e6(self.south_e6?),
            from_e6(self.east_e6?),
            from_e6(self.north_e6?),
        ])
    }

    pub fn to_summary(&self) -> TerritorySummary {
        let listed = [&self.zip_codes, &self.cities, &self.states]
            .iter()
            .map(|l| json_list(l).len() as i64)
            .sum();
        TerritorySummary {
            id: uuid(&self.id),
            name: self.name.clone(),
            slug: self.slug.clone(),
            kind: self.kind,
            parent_id: self.parent_id.as_deref().map(uuid),
            color: self.color.clone(),
            priority_weight: self.priority_weight,
            active: self.active,
            bbox: self.bbox(),
            listed_places: listed,
            version: self.version,
            updated_at: self.updated_at.and_utc(),
        }
    }

    pub fn to_dto(&self) -> Result<Territory, ApiError> {
        Ok(Territory {
            id: uuid(&self.id),
            name: self.name.clone(),
            slug: self.slug.clone(),
            kind: self.kind,
            parent_id: self.parent_id.as_deref().map(uuid),
            color: self.color.clone(),
            priority_weight: self.priority_weight,
            active: self.active,
            geometry: self.shape()?,
            bbox: self.bbox(),
            zip_codes: json_list(&self.zip_codes),
            cities: json_list(&self.cities),
            states: json_list(&self.states),
            version: self.version,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        })
    }

    /// Sets the shape and the box that goes with it.
    pub fn set_shape(&mut self, geometry: Option<&Geometry>) -> Result<(), ApiError> {
        let bbox = geometry.and_then(Geometry::bbox);
        self.geometry = geometry
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| ApiError::internal(format!("geometry not serialisable: {e}")))?;
        self.west_e6 = bbox.map(|b| to_e6(b[0]));
        self.south_e6 = bbox.map(|b| to_e6(b[1]));
        self.east_e6 = bbox.map(|b| to_e6(b[2]));
        self.north_e6 = bbox.map(|b| to_e6(b[3]));
        Ok(())
    }
}

crate::db::find_fn!(find, TerritoryRow, territories);
crate::db::insert_fn!(insert, TerritoryRow, territories);
super::versioned::versioned_row!(TerritoryRow, territories);

/// What identifies the active territories as they are now: their count, latest change and
/// highest id. Any create, edit, (de)activation or delete changes it.
pub type Generation = (i64, Option<NaiveDateTime>, Option<String>);

pub fn generation(conn: &mut DbConn) -> Result<Generation, ApiError> {
    use diesel::dsl::{count_star, max};
    Ok(territories::table
        .filter(territories::active.eq(true))
        .select((
            count_star(),
            max(territories::updated_at),
            max(territories::id),
        ))
        .first(conn)?)
}

pub fn slug_taken(conn: &mut DbConn, slug: &str, except: Option<&str>) -> Result<bool, ApiError> {
    let holders: Vec<String> = territories::table
        .filter(territories::slug.eq(slug))
        .select(territories::id)
        .load(conn)?;
    Ok(holders.iter().any(|id| Some(id.as_str()) != except))
}

/// Territories sorted by name (then id).
pub fn list(
    conn: &mut DbConn,
    q: &TerritoryListQuery,
    bbox: Option<[f64; 4]>,
    page: &PageRequest,
) -> Result<Page<TerritorySummary>, ApiError> {
    let mut query = territories::table
        .select(TerritoryRow::as_select())
        .into_boxed();
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = like_pattern(text);
        query = query.filter(
            lower(territories::name)
                .like(pattern.clone())
                .escape('\\')
                .or(territories::slug.like(pattern).escape('\\')),
        );
    }
    if let Some(parent) = q.parent_id {
        query = query.filter(territories::parent_id.eq(parent.to_string()));
    }
    if let Some(kind) = q.kind {
        query = query.filter(territories::kind.eq(kind));
    }
    if let Some(active) = q.active {
        query = query.filter(territories::active.eq(active));
    }
    if let Some([west, south, east, north]) = bbox {
        // Boxes meet unless one lies wholly to a side of the other.
        query = query
            .filter(territories::west_e6.le(to_e6(east)))
            .filter(territories::east_e6.ge(to_e6(west)))
            .filter(territories::south_e6.le(to_e6(north)))
            .filter(territories::north_e6.ge(to_e6(south)));
    }
    let rows = keyset!(
        query,
        page,
        territories::name,
        text_key,
        territories::id,
        asc
    )
    .limit(page.fetch())
    .load::<TerritoryRow>(conn)?;
    Ok(page.finish(
        rows,
        |r| vec![r.name.clone(), r.id.clone()],
        |r| r.to_summary(),
    ))
}

/// Every territory, by name: the export and the placing of leads read them all (a few hundred).
pub fn all(conn: &mut DbConn, active_only: bool) -> Result<Vec<TerritoryRow>, ApiError> {
    let mut query = territories::table
        .select(TerritoryRow::as_select())
        .into_boxed();
    if active_only {
        query = query.filter(territories::active.eq(true));
    }
    Ok(query
        .order((territories::name.asc(), territories::id.asc()))
        .load(conn)?)
}

/// The territory and every territory within it (the hierarchy is three levels deep).
pub fn with_descendants(conn: &mut DbConn, id: &str) -> Result<Vec<String>, ApiError> {
    all_within(conn, vec![id.to_owned()])
}

/// `roots` and every territory within them.
pub fn all_within(conn: &mut DbConn, roots: Vec<String>) -> Result<Vec<String>, ApiError> {
    let mut all = roots.clone();
    let mut level = roots;
    for _ in 0..2 {
        if level.is_empty() {
            break;
        }
        level = territories::table
            .filter(territories::parent_id.eq_any(&level))
            .select(territories::id)
            .load(conn)?;
        all.extend(level.iter().cloned());
    }
    all.sort();
    all.dedup();
    Ok(all)
}

/// The territory, then its parent, then the parent's parent.
pub fn with_ancestors(conn: &mut DbConn, id: &str) -> Result<Vec<String>, ApiError> {
    let mut chain = vec![id.to_owned()];
    let mut at = id.to_owned();
    for _ in 0..2 {
        let parent: Option<Option<String>> = territories::table
            .find(&at)
            .select(territories::parent_id)
            .first(conn)
            .optional()?;
        match parent.flatten() {
            Some(p) => {
                chain.push(p.clone());
                at = p;
            }
            None => break,
        }
    }
    Ok(chain)
}

/// The territories `users` hold an assignment in force on `day` with one of `roles`, and the
/// territories within them.
pub fn served_by(
    conn: &mut DbConn,
    users: &[String],
    roles: &[AssignmentRole],
    day: NaiveDate,
) -> Result<Vec<String>, ApiError> {
    let mut query = in_force(day);
    query = match users {
        // One user (a rep): `=` keeps the statement cacheable.
        [one] => query.filter(territory_assignments::user_id.eq(one.clone())),
        many => query.filter(territory_assignments::user_id.eq_any(many.to_vec())),
    };
    let roots: Vec<String> = query
        .filter(territory_assignments::role.eq_any(roles.to_vec()))
        .select(territory_assignments::territory_id)
        .load(conn)?;
    if roots.is_empty() {
        return Ok(roots);
    }
    all_within(conn, roots)
}

/// (user, territory) of the owner and contributor assignments in force on `day` on any of
/// `territory_ids`: the reps that serve them.
pub fn servers_of(
    conn: &mut DbConn,
    territory_ids: &[String],
    day: NaiveDate,
) -> Result<Vec<(String, String)>, ApiError> {
    Ok(in_force(day)
        .filter(territory_assignments::territory_id.eq_any(territory_ids.to_vec()))
        .filter(
            territory_assignments::role
                .eq_any([AssignmentRole::Owner, AssignmentRole::Contributor]),
        )
        .select((
            territory_assignments::user_id,
            territory_assignments::territory_id,
        ))
        .load(conn)?)
}

/// The user's assignments in force on `day` with one of `roles`, primary first.
pub fn assignments_of(
    conn: &mut DbConn,
    user: Uuid,
    roles: &[AssignmentRole],
    day: NaiveDate,
) -> Result<Vec<AssignmentRow>, ApiError> {
    Ok(in_force(day)
        .filter(territory_assignments::user_id.eq(user.to_string()))
        .filter(territory_assignments::role.eq_any(roles.to_vec()))
        .order((
            territory_assignments::is_primary.desc(),
            territory_assignments::id,
        ))
        .select(AssignmentRow::as_select())
        .load(conn)?)
}

/// Assignments in force on `day`: begun, and not ended before it.
pub fn in_force(
    day: NaiveDate,
) -> territory_assignments::BoxedQuery<'static, <DbConn as diesel::Connection>::Backend> {
    territory_assignments::table
        .filter(territory_assignments::effective_from.le(day))
        .filter(
            territory_assignments::effective_to
                .is_null()
                .or(territory_assignments::effective_to.ge(day)),
        )
        .into_boxed()
}

pub fn has_children(conn: &mut DbConn, id: &str) -> Result<bool, ApiError> {
    Ok(diesel::select(diesel::dsl::exists(
        territories::table.filter(territories::parent_id.eq(id)),
    ))
    .get_result(conn)?)
}

pub fn has_leads(conn: &mut DbConn, id: &str) -> Result<bool, ApiError> {
    Ok(diesel::select(diesel::dsl::exists(
        leads::table.filter(leads::territory_id.eq(id)),
    ))
    .get_result(conn)?)
}

pub fn delete(conn: &mut DbConn, id: &str) -> Result<(), ApiError> {
    diesel::delete(territory_assignments::table.filter(territory_assignments::territory_id.eq(id)))
        .execute(conn)?;
    diesel::delete(territories::table.find(id)).execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = territory_assignments, treat_none_as_null = true)]
pub struct AssignmentRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    #[diesel(deserialize_as = StoredId)]
    pub territory_id: String,
    #[diesel(deserialize_as = StoredId)]
    pub user_id: String,
    pub role: AssignmentRole,
    pub is_primary: bool,
    pub effective_from: NaiveDate,
    pub effective_to: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
}

impl AssignmentRow {
    pub fn to_dto(&self, user_name: String) -> TerritoryAssignment {
        TerritoryAssignment {
            id: uuid(&self.id),
            territory_id: uuid(&self.territory_id),
            user_id: uuid(&self.user_id),
            user_name,
            role: self.role,
            is_primary: self.is_primary,
            effective_from: self.effective_from,
            effective_to: self.effective_to,
            created_at: self.created_at.and_utc(),
        }
    }
}

crate::db::insert_fn!(insert_assignment, AssignmentRow, territory_assignments);

pub fn save_assignment(conn: &mut DbConn, row: &AssignmentRow) -> Result<(), ApiError> {
    diesel::update(territory_assignments::table.find(&row.id))
        .set(row)
        .execute(conn)?;
    Ok(())
}

/// One assignment, and its user's name.
pub fn find_assignment(
    conn: &mut DbConn,
    id: Uuid,
) -> Result<Option<(AssignmentRow, String)>, ApiError> {
    Ok(territory_assignments::table
        .inner_join(users::table.on(users::id.eq(territory_assignments::user_id)))
        .filter(territory_assignments::id.eq(id.to_string()))
        .select((AssignmentRow::as_select(), users::name))
        .first(conn)
        .optional()?)
}

/// A territory's assignments, current and past, newest first, with each user's name.
pub fn assignments(
    conn: &mut DbConn,
    territory_id: &str,
) -> Result<Vec<TerritoryAssignment>, ApiError> {
    let rows: Vec<(AssignmentRow, String)> = territory_assignments::table
        .inner_join(users::table.on(users::id.eq(territory_assignments::user_id)))
        .filter(territory_assignments::territory_id.eq(territory_id))
        .order(territory_assignments::id.desc())
        .select((AssignmentRow::as_select(), users::name))
        .load(conn)?;
    Ok(rows.into_iter().map(|(a, name)| a.to_dto(name)).collect())
}

/// The user's primary assignments in force on `day` (to move the flag when another becomes
/// primary).
pub fn primary_of(
    conn: &mut DbConn,
    user_id: &str,
    day: NaiveDate,
) -> Result<Vec<AssignmentRow>, ApiError> {
    Ok(territory_assignments::table
        .filter(territory_assignments::user_id.eq(user_id))
        .filter(territory_assignments::is_primary.eq(true))
        .filter(
            territory_assignments::effective_to
                .is_null()
                .or(territory_assignments::effective_to.ge(day)),
        )
        .select(AssignmentRow::as_select())
        .load(conn)?)
}
