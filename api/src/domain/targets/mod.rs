//! Targets (seed 003 §3.2.4): set by managers and admins, read by everyone whose numbers they
//! are. The achieved value is computed from live data on every read (`db::metrics`), in the
//! organisation's calendar; a rep's monthly revenue target is the monthly quota of its plan
//! assignment whenever it has one, so targets and commissions never disagree.

mod leaderboard;
mod satisfaction;
mod write;

pub use leaderboard::leaderboard;
pub use satisfaction::{get_satisfaction, record_satisfaction};
pub use write::{create, update};

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;
use closebook_shared::analytics::LeakTargets;
use closebook_shared::settings::Weekday;
use closebook_shared::targets::{
    self as rules, Target, TargetListQuery, TargetMetric, TargetPeriod, TargetType, day_start,
    period_days, status_at,
};
use closebook_shared::{Money, Page};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::authz::InsightCaller;
use crate::db::columns::uuid_of;
use crate::db::metrics::{self, Span, Who};
use crate::db::targets::{self as rows, TargetRow};
use crate::db::{DbConn, commissions::plans as plan_rows, settings, teams, users};
use crate::error::ApiError;
use crate::pagination::PageRequest;
use crate::time;

/// The organisation's calendar and currency, read once per request.
#[derive(Debug, Clone)]
pub struct Calendar {
    pub zone: Tz,
    pub week_start: Weekday,
    pub currency: String,
    pub digits: u32,
    pub now: NaiveDateTime,
    pub today: NaiveDate,
    /// The Sales Leak's weekly targets for one rep (settings).
    pub leak: LeakTargets,
}

impl Calendar {
    pub fn load(conn: &mut DbConn) -> Result<Calendar, ApiError> {
        Self::of(settings::get(conn)?)
    }

    /// The calendar of settings already read (a request that needs more of them reads once).
    pub fn of(s: settings::SettingsRow) -> Result<Calendar, ApiError> {
        let zone = s.zone()?;
        let now = time::now();
        Ok(Calendar {
            zone,
            week_start: s.week_start,
            digits: closebook_shared::money::minor_unit_digits(&s.currency)
                .map_err(ApiError::internal)?,
            leak: s.leak_targets(),
            currency: s.currency,
            today: super::commissions::calendar::local_date(zone, now),
            now,
        })
    }

    /// `amount` in the organisation's currency, with its decimals.
    pub fn money(&self, mut amount: Decimal) -> Money {
        amount.rescale(self.digits);
        Money::new(amount, self.currency.clone())
    }

    /// The instants of local days `[first, last]`.
    pub fn span(&self, first: NaiveDate, last: NaiveDate) -> Span {
        Span {
            start: day_start(&self.zone, first).naive_utc(),
            end: day_start(&self.zone, rules::after(last, 1)).naive_utc(),
        }
    }

    /// The local days (first, last inclusive) of the period holding `day`.
    pub fn period(&self, period: TargetPeriod, day: NaiveDate) -> (NaiveDate, NaiveDate) {
        let (start, end) = period_days(period, day, self.week_start);
        (start, end.pred_opt().unwrap_or(end))
    }
}

/// The people whose doings count towards a target, or its city.
fn subject(conn: &mut DbConn, row: &TargetRow) -> Result<Subject, ApiError> {
    Ok(match (row.target_type, &row.assignee_id) {
        (TargetType::Individual, Some(a)) => Subject::People(vec![a.clone()]),
        (TargetType::Team, Some(t)) => Subject::People(users::team_members(conn, t)?),
        _ => Subject::City(row.subject_key.clone()),
    })
}

enum Subject {
    People(Vec<String>),
    City(String),
}

/// The achieved value of `row` from live data.
pub fn achieved(conn: &mut DbConn, row: &TargetRow, cal: &Calendar) -> Result<Decimal, ApiError> {
    let span = cal.span(row.period_start, row.period_end);
    let subject = subject(conn, row)?;
    let who = match &subject {
        Subject::People(ids) => Who::People(Some(ids)),
        Subject::City(key) => Who::City(key),
    };
    let tally = metrics::total(conn, row.metric_type, who, span, &cal.currency)?;
    Ok(rules::achieved(row.metric_type, tally, cal.digits))
}

/// The monthly quota of `rep`'s plan assignment in force on `last_day`, when it is in the
/// organisation's currency.
pub fn quota(
    conn: &mut DbConn,
    rep: &str,
    last_day: NaiveDate,
    cal: &Calendar,
) -> Result<Option<Decimal>, ApiError> {
    Ok(quotas(conn, &[rep.to_owned()], last_day, cal)?.remove(rep))
}

/// [`quota`] of each of `reps` that has one, in one query.
pub fn quotas(
    conn: &mut DbConn,
    reps: &[String],
    last_day: NaiveDate,
    cal: &Calendar,
) -> Result<HashMap<String, Decimal>, ApiError> {
    Ok(plan_rows::quotas_on(conn, reps, last_day)?
        .into_iter()
        .filter_map(|(rep, (minor, currency))| {
            let minor = minor.filter(|_| currency == cal.currency)?;
            Some((rep, Decimal::new(minor, cal.digits)))
        })
        .collect())
}

/// Whether a target follows its rep's quota: an individual monthly revenue target.
fn follows_quota(kind: TargetType, period: TargetPeriod, metric: TargetMetric) -> bool {
    kind == TargetType::Individual
        && period == TargetPeriod::Monthly
        && metric == TargetMetric::Revenue
}

/// The value aimed at: the stored one, or the rep's quota for a target that follows it.
fn aimed(conn: &mut DbConn, row: &TargetRow, cal: &Calendar) -> Result<Decimal, ApiError> {
    if follows_quota(row.target_type, row.period_type, row.metric_type)
        && let Some(rep) = &row.assignee_id
        && let Some(q) = quota(conn, rep, row.period_end, cal)?
    {
        return Ok(q);
    }
    row.target_value.parse().map_err(|_| {
        ApiError::internal(format!(
            "target {} has value `{}`",
            row.id, row.target_value
        ))
    })
}

fn assignee_name(conn: &mut DbConn, row: &TargetRow) -> Result<String, ApiError> {
    Ok(match (row.target_type, &row.assignee_id) {
        (TargetType::Individual, Some(a)) => users::find(conn, uuid_of(a))?.map(|u| u.name),
        (TargetType::Team, Some(t)) => teams::find(conn, uuid_of(t))?.map(|t| t.name),
        _ => row.city.clone(),
    }
    .unwrap_or_default())
}

pub fn to_dto(conn: &mut DbConn, row: &TargetRow, cal: &Calendar) -> Result<Target, ApiError> {
    let mut target_value = aimed(conn, row, cal)?;
    if row.metric_type == TargetMetric::Revenue {
        // An amount shows its currency's decimals, as money does everywhere.
        target_value.rescale(cal.digits);
    }
    let achieved_value = achieved(conn, row, cal)?;
    let end = cal.span(row.period_start, row.period_end).end.and_utc();
    Ok(Target {
        id: uuid_of(&row.id),
        target_type: row.target_type,
        assignee_id: row.assignee_id.as_deref().map(uuid_of),
        assignee_name: assignee_name(conn, row)?,
        period_type: row.period_type,
        period_start: row.period_start,
        period_end: row.period_end,
        metric_type: row.metric_type,
        target_value,
        achieved_value,
        achievement_percentage: rules::percent_of(achieved_value, target_value),
        status: status_at(
            row.cancelled,
            achieved_value,
            target_value,
            end,
            cal.now.and_utc(),
        ),
        created_by: row.created_by.as_deref().map(uuid_of),
        version: row.version,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
    })
}

/// A target the caller sees, or 404.
pub fn load(conn: &mut DbConn, caller: &InsightCaller, id: Uuid) -> Result<TargetRow, ApiError> {
    rows::find(conn, id)?
        .filter(|r| caller.scope.visible_targets().covers(r))
        .ok_or_else(|| ApiError::not_found("target"))
}

pub fn get(conn: &mut DbConn, caller: &InsightCaller, id: Uuid) -> Result<Target, ApiError> {
    let row = load(conn, caller, id)?;
    let cal = Calendar::load(conn)?;
    to_dto(conn, &row, &cal)
}

/// A page of the targets the caller sees, newest first; `assignee` narrows it to one rep's or
/// team's (`GET /targets/rm/{id}`, `/targets/team/{id}`).
pub fn list(
    conn: &mut DbConn,
    caller: &InsightCaller,
    q: TargetListQuery,
    page: &PageRequest,
) -> Result<Page<Target>, ApiError> {
    let cal = Calendar::load(conn)?;
    let rows = rows::list(conn, &caller.scope.visible_targets(), &q, page)?;
    let page = page.finish(rows, |r| vec![r.id.clone()], |r| r);
    let mut items = Vec::with_capacity(page.items.len());
    for row in &page.items {
        items.push(to_dto(conn, row, &cal)?);
    }
    Ok(Page {
        items,
        next_cursor: page.next_cursor,
    })
}

/// The targets of one rep (`kind` individual) or team, when the caller sees them; 404 for a
/// rep or team it does not.
pub fn list_of(
    conn: &mut DbConn,
    caller: &InsightCaller,
    kind: TargetType,
    id: Uuid,
    mut q: TargetListQuery,
    page: &PageRequest,
) -> Result<Page<Target>, ApiError> {
    let key = id.to_string();
    let seen = match kind {
        TargetType::Team => caller.scope.sees_team(&key) && teams::find(conn, id)?.is_some(),
        _ => caller.scope.people.covers(&key) && users::find(conn, id)?.is_some(),
    };
    if !seen {
        return Err(ApiError::not_found(if kind == TargetType::Team {
            "team"
        } else {
            "user"
        }));
    }
    q.target_type = Some(kind);
    q.assignee_id = Some(id);
    list(conn, caller, q, page)
}
