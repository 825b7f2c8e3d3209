//! The leaderboard (seed 003 §4.5 US-SALE-040): reps ranked by a metric over a period, with
//! each one's percentage of its own target. A rep's board is its team (or itself alone), a
//! manager's its people, finance's and an admin's every rep; `team_id` narrows any of them.

use std::collections::HashMap;

use closebook_shared::Role;
use closebook_shared::targets::{
    Leaderboard, LeaderboardEntry, LeaderboardQuery, TargetType, achieved, percent_of, ranks,
};
use diesel::prelude::*;
use rust_decimal::Decimal;

use super::{Calendar, follows_quota, quotas};
use crate::authz::InsightCaller;
use crate::db::DbConn;
use crate::db::columns::uuid_of;
use crate::db::metrics::{self, Who};
use crate::db::schema::{targets, users};
use crate::error::ApiError;

/// The reps on the caller's board: (id, name), active reps only.
fn board(
    conn: &mut DbConn,
    caller: &InsightCaller,
    team: Option<String>,
) -> Result<Vec<(String, String)>, ApiError> {
    let mut query = users::table
        .filter(users::role.eq(Role::SalesRep.as_str()))
        .filter(users::active.eq(true))
        .select((users::id, users::name))
        .into_boxed();
    if let Some(t) = team {
        if !caller.scope.sees_team(&t) {
            return Err(ApiError::not_found("team"));
        }
        query = query.filter(users::team_id.eq(t));
    } else if caller.principal.role == Role::SalesRep {
        let me = caller.scope.user_id.clone().unwrap_or_default();
        let team: Option<String> = users::table
            .find(&me)
            .select(users::team_id)
            .first::<Option<String>>(conn)
            .optional()?
            .flatten();
        query = match team {
            Some(t) => query.filter(users::team_id.eq(t)),
            None => query.filter(users::id.eq(me)),
        };
    } else if let Some(ids) = caller.scope.people.owners() {
        query = query.filter(users::id.eq_any(ids.to_vec()));
    }
    Ok(query
        .order((users::name.asc(), users::id.asc()))
        .load(conn)?)
}

pub fn leaderboard(
    conn: &mut DbConn,
    caller: &InsightCaller,
    q: LeaderboardQuery,
) -> Result<Leaderboard, ApiError> {
    let top = q.top.unwrap_or(10);
    if !(1..=100).contains(&top) {
        return Err(ApiError::bad_param("top", "must be from 1 to 100"));
    }
    let cal = Calendar::load(conn)?;
    let (first, last) = cal.period(q.period, q.on.unwrap_or(cal.today));
    let reps = board(conn, caller, q.team_id.map(|t| t.to_string()))?;
    let ids: Vec<String> = reps.iter().map(|(id, _)| id.clone()).collect();
    let tallies = metrics::tallies(
        conn,
        q.metric,
        Who::People(Some(&ids)),
        cal.span(first, last),
        &cal.currency,
    )?;
    // Each rep's own target for this metric and period.
    let set: Vec<(Option<String>, String)> = targets::table
        .filter(targets::target_type.eq(TargetType::Individual))
        .filter(targets::metric_type.eq(q.metric))
        .filter(targets::period_type.eq(q.period))
        .filter(targets::period_start.eq(first))
        .filter(targets::cancelled.eq(false))
        .filter(targets::assignee_id.eq_any(&ids))
        .select((targets::assignee_id, targets::target_value))
        .load(conn)?;
    let quotas = if follows_quota(TargetType::Individual, q.period, q.metric) {
        let ids: Vec<String> = reps.iter().map(|r| r.0.clone()).collect();
        quotas(conn, &ids, last, &cal)?
    } else {
        HashMap::new()
    };
    let mut lines = Vec::with_capacity(reps.len());
    for (id, name) in reps {
        let value = achieved(
            q.metric,
            tallies.get(&id).copied().unwrap_or_default(),
            cal.digits,
        );
        let mut target: Option<Decimal> = set
            .iter()
            .find(|(a, _)| a.as_deref() == Some(id.as_str()))
            .and_then(|(_, v)| v.parse().ok());
        if let Some(qv) = quotas.get(&id) {
            target = Some(*qv);
        }
        lines.push((id, name, value, target));
    }
    // Highest first; equal values by name, so the order is stable.
    lines.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
    let values: Vec<Decimal> = lines.iter().map(|l| l.2).collect();
    let me = caller.scope.user_id.clone();
    let mut entries = Vec::new();
    let mut mine = None;
    for ((id, name, value, target), rank) in lines.into_iter().zip(ranks(&values)) {
        let entry = LeaderboardEntry {
            rank,
            rep_id: uuid_of(&id),
            rep_name: name,
            value,
            percent_of_quota: target.and_then(|t| percent_of(value, t)),
        };
        if me.as_deref() == Some(id.as_str()) {
            mine = Some(entry.clone());
        }
        if entries.len() < top as usize {
            entries.push(entry);
        }
    }
    Ok(Leaderboard {
        metric: q.metric,
        period: q.period,
        period_start: first,
        period_end: last,
        ranked: values.len() as u32,
        entries,
        me: mine,
    })
}
