//! Target rows and queries; the achieved values are computed in `domain::targets`.

use chrono::{NaiveDate, NaiveDateTime};
use closebook_shared::targets::{TargetListQuery, TargetMetric, TargetPeriod, TargetType};
use diesel::prelude::*;

use super::DbConn;
use super::columns::{StoredId, StoredOptId};
use super::schema::targets;
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = targets, treat_none_as_null = true)]
pub struct TargetRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    pub target_type: TargetType,
    #[diesel(deserialize_as = StoredOptId)]
    pub assignee_id: Option<String>,
    pub city: Option<String>,
    /// The assignee id or the lower-cased city.
    pub subject_key: String,
    pub period_type: TargetPeriod,
    pub period_start: NaiveDate,
    /// The last day, inclusive.
    pub period_end: NaiveDate,
    pub metric_type: TargetMetric,
    /// Decimal text.
    pub target_value: String,
    pub cancelled: bool,
    #[diesel(deserialize_as = StoredOptId)]
    pub created_by: Option<String>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

crate::db::find_fn!(find, TargetRow, targets);
crate::db::insert_fn!(insert, TargetRow, targets);
super::versioned::versioned_row!(TargetRow, targets);

/// The subject key of a city: its name trimmed and lower-cased.
pub fn city_key(city: &str) -> String {
    city.trim().to_lowercase()
}

/// Whether a live (not cancelled) target other than `except` holds this subject, period and
/// metric.
pub fn live_twin(conn: &mut DbConn, row: &TargetRow) -> Result<bool, ApiError> {
    let ids: Vec<String> = targets::table
        .filter(targets::target_type.eq(row.target_type))
        .filter(targets::subject_key.eq(&row.subject_key))
        .filter(targets::period_type.eq(row.period_type))
        .filter(targets::period_start.eq(row.period_start))
        .filter(targets::metric_type.eq(row.metric_type))
        .filter(targets::cancelled.eq(false))
        .select(targets::id)
        .load(conn)?;
    Ok(ids.iter().any(|id| *id != row.id))
}

/// Which targets a caller sees: individual targets of `people`, team targets of `teams`
/// (`None`: all of either), and every city target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visible {
    pub people: Option<Vec<String>>,
    pub teams: Option<Vec<String>>,
}

impl Visible {
    pub fn covers(&self, row: &TargetRow) -> bool {
        let among = |ids: &Option<Vec<String>>| match (ids, &row.assignee_id) {
            (None, _) => true,
            (Some(ids), Some(a)) => ids.contains(a),
            (Some(_), None) => false,
        };
        match row.target_type {
            TargetType::Individual => among(&self.people),
            TargetType::Team => among(&self.teams),
            TargetType::City => true,
        }
    }
}

/// A page of the targets `visible` covers, newest first.
pub fn list(
    conn: &mut DbConn,
    visible: &Visible,
    q: &TargetListQuery,
    page: &PageRequest,
) -> Result<Vec<TargetRow>, ApiError> {
    let mut query = targets::table.select(TargetRow::as_select()).into_boxed();
    if visible.people.is_some() || visible.teams.is_some() {
        let people = visible.people.clone();
        let teams = visible.teams.clone();
        let individual = targets::target_type.eq(TargetType::Individual);
        let team = targets::target_type.eq(TargetType::Team);
        let city = targets::target_type.eq(TargetType::City);
        query = match (people, teams) {
            (Some(p), Some(t)) => query.filter(
                individual
                    .and(targets::assignee_id.eq_any(p))
                    .or(team.and(targets::assignee_id.eq_any(t)))
                    .or(city),
            ),
            (Some(p), None) => query.filter(
                individual
                    .and(targets::assignee_id.eq_any(p))
                    .or(targets::target_type.ne(TargetType::Individual)),
            ),
            (None, Some(t)) => query.filter(
                team.and(targets::assignee_id.eq_any(t))
                    .or(targets::target_type.ne(TargetType::Team)),
            ),
            (None, None) => query,
        };
    }
    if let Some(t) = q.target_type {
        query = query.filter(targets::target_type.eq(t));
    }
    if let Some(m) = q.metric_type {
        query = query.filter(targets::metric_type.eq(m));
    }
    if let Some(p) = q.period_type {
        query = query.filter(targets::period_type.eq(p));
    }
    if let Some(a) = q.assignee_id {
        query = query.filter(targets::assignee_id.eq(a.to_string()));
    }
    if let Some(day) = q.on {
        query = query
            .filter(targets::period_start.le(day))
            .filter(targets::period_end.ge(day));
    }
    if !q.include_cancelled.unwrap_or(false) {
        query = query.filter(targets::cancelled.eq(false));
    }
    Ok(keyset!(query, page, targets::id, desc)
        .limit(page.fetch())
        .load(conn)?)
}
