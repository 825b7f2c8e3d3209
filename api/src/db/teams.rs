//! Team rows and queries.

use chrono::NaiveDateTime;
use closebook_shared::Page;
use closebook_shared::teams::{Team, TeamListQuery};
use diesel::prelude::*;
use uuid::Uuid;

use super::DbConn;
use super::columns::{StoredId, StoredOptId, like_pattern, lower};
use super::schema::{teams, users};
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset, text_key};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = teams, treat_none_as_null = true)]
pub struct TeamRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    pub name: String,
    pub name_key: String,
    #[diesel(deserialize_as = StoredOptId)]
    pub manager_id: Option<String>,
    pub city: Option<String>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl TeamRow {
    pub fn to_dto(&self, member_count: i64) -> Team {
        Team {
            id: Uuid::parse_str(&self.id).unwrap_or_default(),
            name: self.name.clone(),
            manager_id: self
                .manager_id
                .as_deref()
                .and_then(|m| Uuid::parse_str(m).ok()),
            city: self.city.clone(),
            member_count,
            version: self.version,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        }
    }
}

crate::db::find_fn!(find, TeamRow, teams);

pub fn exists(conn: &mut DbConn, id: Uuid) -> Result<bool, ApiError> {
    Ok(diesel::select(diesel::dsl::exists(teams::table.find(id.to_string()))).get_result(conn)?)
}

pub fn name_taken(conn: &mut DbConn, name: &str, except: Option<&str>) -> Result<bool, ApiError> {
    let holders: Vec<String> = teams::table
        .filter(teams::name_key.eq(name_key(name)))
        .select(teams::id)
        .load(conn)?;
    Ok(holders.iter().any(|id| Some(id.as_str()) != except))
}

crate::db::insert_fn!(insert, TeamRow, teams);

super::versioned::versioned_row!(TeamRow, teams);

/// Active members per team, for the given teams.
pub fn member_counts(
    conn: &mut DbConn,
    team_ids: &[String],
) -> Result<Vec<(String, i64)>, ApiError> {
    let rows: Vec<(Option<String>, i64)> = users::table
        .filter(users::team_id.eq_any(team_ids))
        .filter(users::active.eq(true))
        .group_by(users::team_id)
        .select((users::team_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(t, n)| t.map(|t| (t, n)))
        .collect())
}

pub fn member_count(conn: &mut DbConn, team_id: &str) -> Result<i64, ApiError> {
    Ok(member_counts(conn, &[team_id.to_owned()])?
        .first()
        .map_or(0, |(_, n)| *n))
}

/// Teams sorted by name (then id); `visible` of `None` means all teams.
pub fn list(
    conn: &mut DbConn,
    visible: Option<&[String]>,
    q: &TeamListQuery,
    page: &PageRequest,
) -> Result<Page<Team>, ApiError> {
    let mut query = teams::table.select(TeamRow::as_select()).into_boxed();
    if let Some(ids) = visible {
        query = query.filter(teams::id.eq_any(ids.to_vec()));
    }
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = like_pattern(text);
        query = query.filter(
            teams::name_key.like(pattern.clone()).escape('\\').or(lower(
                teams::city.assume_not_null(),
            )
            .like(pattern)
            .escape('\\')),
        );
    }
    if let Some(m) = q.manager_id {
        query = query.filter(teams::manager_id.eq(m.to_string()));
    }
    let rows = keyset!(query, page, teams::name, text_key, teams::id, asc)
        .limit(page.fetch())
        .load::<TeamRow>(conn)?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let counts = member_counts(conn, &ids)?;
    let count_of = |id: &str| counts.iter().find(|(t, _)| t == id).map_or(0, |(_, n)| *n);
    Ok(page.finish(
        rows,
        |r| vec![r.name.clone(), r.id.clone()],
        |r| r.to_dto(count_of(&r.id)),
    ))
}
