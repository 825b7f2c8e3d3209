//! The Sales Leak, follow-up discipline and the weekly scorecard (seed 001 §3, §6, §9, §15)
//! for a rep, a team or everyone the caller sees, in the organisation's weeks.

mod leak;
mod scorecard;

pub use leak::{leak_and_discipline, leak_line, sales_leak};
pub use scorecard::{scorecard, scorecard_history, snapshot_week, store_week};

use chrono::{Datelike, NaiveDate};
use closebook_shared::Role;
use closebook_shared::targets::TargetPeriod;
use diesel::prelude::*;
use uuid::Uuid;

use super::targets::Calendar;
use crate::authz::InsightCaller;
use crate::db::schema::users;
use crate::db::{DbConn, metrics::Span};
use crate::error::ApiError;

/// Whose numbers: the people (`None`: everyone) and how many reps they hold.
#[derive(Debug, Clone)]
pub struct Audience {
    pub people: Option<Vec<String>>,
    pub reps: u32,
}

impl Audience {
    pub fn people(&self) -> Option<&[String]> {
        self.people.as_deref()
    }
}

/// The audience of a query: one rep, one team's members, or everyone the caller sees.
pub fn audience(
    conn: &mut DbConn,
    caller: &InsightCaller,
    rep: Option<Uuid>,
    team: Option<Uuid>,
) -> Result<Audience, ApiError> {
    let people: Option<Vec<String>> = match (rep, team) {
        (Some(r), _) => {
            let id = r.to_string();
            let exists: bool =
                diesel::select(diesel::dsl::exists(users::table.find(&id))).get_result(conn)?;
            if !exists || !caller.scope.people.covers(&id) {
                return Err(ApiError::not_found("user"));
            }
            Some(vec![id])
        }
        (None, Some(t)) => {
            let id = t.to_string();
            if !caller.scope.sees_team(&id) || crate::db::teams::find(conn, t)?.is_none() {
                return Err(ApiError::not_found("team"));
            }
            Some(crate::db::users::team_members(conn, &id)?)
        }
        (None, None) => caller.scope.people.owners().map(<[String]>::to_vec),
    };
    let mut q = users::table
        .filter(users::role.eq(Role::SalesRep.as_str()))
        .filter(users::active.eq(true))
        .count()
        .into_boxed();
    if let Some(ids) = &people {
        q = q.filter(users::id.eq_any(ids.clone()));
    }
    let reps: i64 = q.get_result(conn)?;
    Ok(Audience {
        people,
        reps: u32::try_from(reps).unwrap_or(u32::MAX).max(1),
    })
}

/// The week holding `day` (first and last local day) and its instants.
pub fn week_of(cal: &Calendar, day: NaiveDate) -> (NaiveDate, NaiveDate, Span) {
    let (first, last) = cal.period(TargetPeriod::Weekly, day);
    (first, last, cal.span(first, last))
}

/// The month-to-date of `day`: the month's instants up to `end`, days gone and days in it.
pub fn month_to(cal: &Calendar, day: NaiveDate) -> (Span, u32, u32) {
    let (first, last) = cal.period(TargetPeriod::Monthly, day);
    (cal.span(first, day), day.day(), last.day())
}
