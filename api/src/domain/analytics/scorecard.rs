//! The weekly scorecard (seed 001 §15): computed live for a week, and stored every week per rep
//! by a job (`snapshot_week`) so its history is what the numbers were, not a recomputation.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use closebook_shared::Role;
use closebook_shared::analytics::{
    AnalyticsQuery, MonthToDate, Scorecard, ScorecardCounts, ScorecardHistory,
    ScorecardHistoryQuery,
};
use diesel::prelude::*;

use super::{audience, month_to, week_of};
use crate::authz::InsightCaller;
use crate::db::analytics as counts;
use crate::db::schema::{scorecard_snapshots as snapshots, users};
use crate::db::{DbConn, job_runs, metrics::Span};
use crate::domain::targets::Calendar;
use crate::error::ApiError;

/// The counts of `people` for the week `span`, as of `end` (the week's end, or now).
fn counts_of(
    conn: &mut DbConn,
    cal: &Calendar,
    people: Option<&[String]>,
    span: Span,
    end: NaiveDateTime,
    month: Span,
) -> Result<ScorecardCounts, ApiError> {
    let back = |days: i64| Span {
        start: end - Duration::days(days),
        end,
    };
    let (due, on_time) = counts::follow_ups_on_time(conn, people, back(30))?;
    Ok(ScorecardCounts {
        cash_collected_minor: counts::cash_collected(conn, people, back(30), &cal.currency)?,
        deals_won_90d: counts::won(conn, people, back(90))?,
        pipeline_weighted_minor_x100: counts::pipeline_weighted(conn, people, &cal.currency)?,
        new_contacts_7d: counts::new_contacts(conn, people, back(7))?.2,
        follow_ups_due_30d: due,
        follow_ups_on_time_30d: on_time,
        referral_asks_30d: counts::referral_asks(conn, people, back(30))?,
        week: counts::week(conn, people, span, end)?,
        month_referral_asks: counts::referral_asks(conn, people, month)?,
    })
}

/// The week's counts of `people` (as of now for the current week) and its month-to-date.
fn live(
    conn: &mut DbConn,
    cal: &Calendar,
    people: Option<&[String]>,
    day: NaiveDate,
) -> Result<(NaiveDate, ScorecardCounts, MonthToDate), ApiError> {
    let (first, last, span) = week_of(cal, day);
    let end = span.end.min(cal.now);
    let (month, days_gone, days_in_month) = month_to(cal, last.min(cal.today));
    let c = counts_of(conn, cal, people, span, end, month)?;
    let m = MonthToDate {
        referral_asks: c.month_referral_asks,
        days_gone,
        days_in_month,
    };
    Ok((first, c, m))
}

pub fn scorecard(
    conn: &mut DbConn,
    caller: &InsightCaller,
    q: AnalyticsQuery,
) -> Result<Scorecard, ApiError> {
    let cal = Calendar::load(conn)?;
    let who = audience(conn, caller, q.rep_id, q.team_id)?;
    let (first, c, month) = live(conn, &cal, who.people(), q.week.unwrap_or(cal.today))?;
    Scorecard::of(first, who.reps, &c, month, &cal.leak, &cal.currency).map_err(ApiError::internal)
}

pub fn scorecard_history(
    conn: &mut DbConn,
    caller: &InsightCaller,
    q: ScorecardHistoryQuery,
) -> Result<ScorecardHistory, ApiError> {
    let weeks = q.weeks.unwrap_or(12);
    if !(1..=104).contains(&weeks) {
        return Err(ApiError::bad_param("weeks", "must be from 1 to 104"));
    }
    let cal = Calendar::load(conn)?;
    let who = audience(conn, caller, q.rep_id, q.team_id)?;
    let (this_week, _, _) = week_of(&cal, cal.today);
    let since = this_week - Duration::weeks(i64::from(weeks));
    let mut query = snapshots::table
        .filter(snapshots::week_start.ge(since))
        .select((
            snapshots::week_start,
            snapshots::rep_id,
            snapshots::counts_json,
        ))
        .into_boxed();
    if let Some(ids) = who.people() {
        query = query.filter(snapshots::rep_id.eq_any(ids.to_vec()));
    }
    let rows: Vec<(NaiveDate, String, String)> = query.load(conn)?;
    let mut by_week: BTreeMap<NaiveDate, (u32, ScorecardCounts)> = BTreeMap::new();
    for (week, rep, json) in rows {
        let c: ScorecardCounts = serde_json::from_str(&json)
            .map_err(|e| ApiError::internal(format!("snapshot {rep} {week}: {e}")))?;
        let slot = by_week.entry(week).or_default();
        slot.0 += 1;
        slot.1 = slot.1 + c;
    }
    let mut out = Vec::with_capacity(by_week.len());
    for (week, (reps, c)) in by_week {
        let (_, last, _) = week_of(&cal, week);
        let (_, days_gone, days_in_month) = month_to(&cal, last);
        let month = MonthToDate {
            referral_asks: c.month_referral_asks,
            days_gone,
            days_in_month,
        };
        out.push(
            Scorecard::of(week, reps, &c, month, &cal.leak, &cal.currency)
                .map_err(ApiError::internal)?,
        );
    }
    Ok(ScorecardHistory { weeks: out })
}

/// Stores every active rep's scorecard of the week before the one holding now (once: the
/// run is claimed in `job_runs`); how many snapshots it wrote, `None` when it had run.
pub fn snapshot_week(conn: &mut DbConn, worker: &str) -> Result<Option<usize>, ApiError> {
    let cal = Calendar::load(conn)?;
    let (this_week, _, _) = week_of(&cal, cal.today);
    let first = this_week - Duration::days(7);
    let key = first.to_string();
    if !job_runs::claim(conn, "scorecard_snapshot", &key, worker, cal.now)? {
        return Ok(None);
    }
    let n = store_week(conn, &cal, first)?;
    job_runs::finish(
        conn,
        "scorecard_snapshot",
        &key,
        &format!("{{\"reps\":{n}}}"),
        cal.now,
    )?;
    Ok(Some(n))
}

/// Stores every active rep's scorecard of the (ended) week starting `first`, as of its end.
pub fn store_week(conn: &mut DbConn, cal: &Calendar, first: NaiveDate) -> Result<usize, ApiError> {
    let (first, last, span) = week_of(cal, first);
    let reps: Vec<String> = users::table
        .filter(users::role.eq(Role::SalesRep.as_str()))
        .filter(users::active.eq(true))
        .select(users::id)
        .load(conn)?;
    let (month, _, _) = month_to(cal, last);
    let mut rows = Vec::with_capacity(reps.len());
    for rep in &reps {
        let c = counts_of(
            conn,
            cal,
            Some(std::slice::from_ref(rep)),
            span,
            span.end,
            month,
        )?;
        let json = serde_json::to_string(&c).map_err(ApiError::internal)?;
        rows.push((
            snapshots::rep_id.eq(rep.clone()),
            snapshots::week_start.eq(first),
            snapshots::counts_json.eq(json),
            snapshots::created_at.eq(cal.now),
        ));
    }
    for chunk in rows.chunks(200) {
        crate::db::batch_insert!(conn, snapshots::table, chunk.to_vec())?;
    }
    Ok(reps.len())
}
