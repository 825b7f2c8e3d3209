//! The sales reports over a range of days: conversion and activity per rep, open pipeline per
//! stage; each also as CSV.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use closebook_shared::Role;
use closebook_shared::activities::ActivityKind;
use closebook_shared::analytics::weighted_minor;
use closebook_shared::dashboards::{
    ActivityReport, ActivityRow, ConversionReport, ConversionRow, PipelineReport, PipelineRow,
    ReportQuery, percent_1dp,
};
use closebook_shared::leads::Outcome;
use closebook_shared::targets::{Tally, TargetMetric, achieved};
use diesel::prelude::*;
use rust_decimal::Decimal;

use crate::authz::InsightCaller;
use crate::db::columns::uuid_of;
use crate::db::metrics::{self, Span, Who};
use crate::db::schema::{activities, leads, users};
use crate::db::{DbConn, pipelines};
use crate::domain::analytics::audience;
use crate::domain::commissions::payout_report::cell;
use crate::domain::dashboards::count;
use crate::domain::targets::Calendar;
use crate::error::ApiError;

/// The report's days (a `from` after `to` is an empty range), their instants, the reps
/// (active sales reps among the people) and the people.
struct Scope {
    cal: Calendar,
    from: NaiveDate,
    to: NaiveDate,
    span: Span,
    reps: Vec<(String, String)>,
    people: Option<Vec<String>>,
}

fn scope(conn: &mut DbConn, caller: &InsightCaller, q: &ReportQuery) -> Result<Scope, ApiError> {
    let cal = Calendar::load(conn)?;
    let to = q.to.unwrap_or(cal.today);
    let from = q
        .from
        .unwrap_or_else(|| to.checked_sub_signed(Duration::days(29)).unwrap_or(to));
    let span = if from <= to {
        cal.span(from, to)
    } else {
        let at = cal.span(from, from).start;
        Span { start: at, end: at }
    };
    let who = audience(conn, caller, None, q.team_id)?;
    let mut reps = users::table
        .filter(users::role.eq(Role::SalesRep.as_str()))
        .select((users::id, users::name))
        .order((users::name.asc(), users::id.asc()))
        .into_boxed();
    if let Some(ids) = who.people() {
        reps = reps.filter(users::id.eq_any(ids.to_vec()));
    }
    Ok(Scope {
        reps: reps.load(conn)?,
        people: who.people,
        cal,
        from,
        to,
        span,
    })
}

pub fn conversion(
    conn: &mut DbConn,
    caller: &InsightCaller,
    q: ReportQuery,
) -> Result<ConversionReport, ApiError> {
    let s = scope(conn, caller, &q)?;
    let ids: Vec<String> = s.reps.iter().map(|r| r.0.clone()).collect();
    let who = Who::People(Some(&ids));
    let closed = metrics::tallies(
        conn,
        TargetMetric::ConversionRate,
        who,
        s.span,
        &s.cal.currency,
    )?;
    let value = metrics::tallies(conn, TargetMetric::Revenue, who, s.span, &s.cal.currency)?;
    let created: HashMap<String, i64> = leads::table
        .filter(leads::owner_id.eq_any(&ids))
        .filter(leads::created_at.ge(s.span.start))
        .filter(leads::created_at.lt(s.span.end))
        .group_by(leads::owner_id)
        .select((leads::owner_id.assume_not_null(), diesel::dsl::count_star()))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect();
    let row = |id: &str, name: &str, made: i64, closed: Tally, value: Tally| -> ConversionRow {
        let won = Decimal::from(closed.sum);
        ConversionRow {
            rep_id: uuid_of(id),
            rep_name: name.to_owned(),
            created: count(made),
            won: count(closed.sum),
            lost: count(closed.count - closed.sum),
            win_rate: percent_1dp(won, Decimal::from(closed.count)),
            lead_to_close: percent_1dp(won, Decimal::from(made)),
            won_value: s
                .cal
                .money(achieved(TargetMetric::Revenue, value, s.cal.digits)),
        }
    };
    let mut rows = Vec::with_capacity(s.reps.len());
    let (mut made_all, mut closed_all, mut value_all) = (0, Tally::default(), Tally::default());
    for (id, name) in &s.reps {
        let (m, c, v) = (
            created.get(id).copied().unwrap_or(0),
            closed.get(id).copied().unwrap_or_default(),
            value.get(id).copied().unwrap_or_default(),
        );
        made_all += m;
        closed_all = closed_all + c;
        value_all = value_all + v;
        rows.push(row(id, name, m, c, v));
    }
    let mut total = row("", "Total", made_all, closed_all, value_all);
    total.rep_id = uuid::Uuid::nil();
    Ok(ConversionReport {
        from: s.from,
        to: s.to,
        rows,
        total,
    })
}

pub fn activity(
    conn: &mut DbConn,
    caller: &InsightCaller,
    q: ReportQuery,
) -> Result<ActivityReport, ApiError> {
    let s = scope(conn, caller, &q)?;
    let ids: Vec<String> = s.reps.iter().map(|r| r.0.clone()).collect();
    let counts: Vec<(Option<String>, ActivityKind, i64)> = activities::table
        .filter(activities::user_id.eq_any(&ids))
        .filter(activities::completed_at.is_not_null())
        .filter(activities::at.ge(s.span.start))
        .filter(activities::at.lt(s.span.end))
        .group_by((activities::user_id, activities::kind))
        .select((
            activities::user_id,
            activities::kind,
            diesel::dsl::count_star(),
        ))
        .load(conn)?;
    let rows = s
        .reps
        .iter()
        .map(|(id, name)| {
            let of = |kind: Option<ActivityKind>| -> u32 {
                counts
                    .iter()
                    .filter(|(u, k, _)| {
                        u.as_deref() == Some(id.as_str()) && kind.is_none_or(|x| x == *k)
                    })
                    .map(|(_, _, n)| count(*n))
                    .sum()
            };
            let (calls, emails, meetings, demos, proposals, total) = (
                of(Some(ActivityKind::Call)),
                of(Some(ActivityKind::Email)),
                of(Some(ActivityKind::Meeting)),
                of(Some(ActivityKind::Demo)),
                of(Some(ActivityKind::Proposal)),
                of(None),
            );
            ActivityRow {
                rep_id: uuid_of(id),
                rep_name: name.clone(),
                calls,
                emails,
                meetings,
                demos,
                proposals,
                other: total - calls - emails - meetings - demos - proposals,
                total,
            }
        })
        .collect();
    Ok(ActivityReport {
        from: s.from,
        to: s.to,
        rows,
    })
}

pub fn pipeline(
    conn: &mut DbConn,
    caller: &InsightCaller,
    q: ReportQuery,
) -> Result<PipelineReport, ApiError> {
    let s = scope(conn, caller, &q)?;
    let mut open = leads::table
        .filter(leads::outcome.eq(Outcome::Open.as_str()))
        .filter(leads::created_at.ge(s.span.start))
        .filter(leads::created_at.lt(s.span.end))
        .select((
            leads::stage_id,
            leads::deal_value_minor,
            leads::deal_currency,
            leads::probability,
        ))
        .into_boxed();
    if let Some(ids) = &s.people {
        open = open.filter(leads::owner_id.eq_any(ids.clone()));
    }
    let open: Vec<(String, Option<i64>, Option<String>, i32)> = open.load(conn)?;
    // (leads, value, value × probability) per stage, in minor units.
    let mut by_stage: HashMap<String, (u32, i64, i64)> = HashMap::new();
    for (stage, value, currency, probability) in open {
        let slot = by_stage.entry(stage).or_default();
        slot.0 += 1;
        if currency.as_deref() == Some(s.cal.currency.as_str()) {
            let v = value.unwrap_or(0);
            slot.1 += v;
            slot.2 += v * i64::from(probability);
        }
    }
    let mut rows = Vec::new();
    for p in pipelines::all(conn)? {
        for stage in pipelines::stages(conn, &p.id)?.stages {
            if stage.kind() != closebook_shared::pipelines::StageKind::Open {
                continue;
            }
            let (n, value, weighted) = by_stage.get(&stage.id).copied().unwrap_or_default();
            let weighted = weighted_minor(weighted);
            rows.push(PipelineRow {
                pipeline: p.name.clone(),
                stage_key: stage.stage_key.clone(),
                stage_name: stage.name.clone(),
                position: stage.position,
                leads: n,
                value: s.cal.money(Decimal::new(value, s.cal.digits)),
                weighted: s.cal.money(Decimal::new(weighted, s.cal.digits)),
            });
        }
    }
    Ok(PipelineReport {
        from: s.from,
        to: s.to,
        rows,
    })
}

/// A report as CSV: a header row, then its rows (text a spreadsheet would run is quoted).
pub fn to_csv(header: &[&str], rows: Vec<Vec<String>>) -> Result<String, ApiError> {
    let fail = |e: ::csv::Error| ApiError::internal(format!("report: {e}"));
    let mut out = ::csv::Writer::from_writer(Vec::new());
    out.write_record(header).map_err(fail)?;
    for row in rows {
        out.write_record(row.iter().map(|c| cell(c)))
            .map_err(fail)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| ApiError::internal(format!("report: {e}")))?;
    String::from_utf8(bytes).map_err(|e| ApiError::internal(format!("report: {e}")))
}

fn opt(d: Option<Decimal>) -> String {
    d.map(|v| v.to_string()).unwrap_or_default()
}

pub fn conversion_csv(r: &ConversionReport) -> Result<String, ApiError> {
    let line = |c: &ConversionRow, id: String| {
        vec![
            id,
            c.rep_name.clone(),
            c.created.to_string(),
            c.won.to_string(),
            c.lost.to_string(),
            opt(c.win_rate),
            opt(c.lead_to_close),
            c.won_value.amount.to_string(),
            c.won_value.currency.clone(),
        ]
    };
    let mut rows: Vec<Vec<String>> = r
        .rows
        .iter()
        .map(|c| line(c, c.rep_id.to_string()))
        .collect();
    rows.push(line(&r.total, String::new()));
    to_csv(
        &[
            "rep_id",
            "rep_name",
            "created",
            "won",
            "lost",
            "win_rate",
            "lead_to_close",
            "won_value",
            "currency",
        ],
        rows,
    )
}

pub fn activity_csv(r: &ActivityReport) -> Result<String, ApiError> {
    let rows = r
        .rows
        .iter()
        .map(|a| {
            vec![
                a.rep_id.to_string(),
                a.rep_name.clone(),
                a.calls.to_string(),
                a.emails.to_string(),
                a.meetings.to_string(),
                a.demos.to_string(),
                a.proposals.to_string(),
                a.other.to_string(),
                a.total.to_string(),
            ]
        })
        .collect();
    to_csv(
        &[
            "rep_id",
            "rep_name",
            "calls",
            "emails",
            "meetings",
            "demos",
            "proposals",
            "other",
            "total",
        ],
        rows,
    )
}

pub fn pipeline_csv(r: &PipelineReport) -> Result<String, ApiError> {
    let rows = r
        .rows
        .iter()
        .map(|p| {
            vec![
                p.pipeline.clone(),
                p.stage_key.clone(),
                p.stage_name.clone(),
                p.leads.to_string(),
                p.value.amount.to_string(),
                p.weighted.amount.to_string(),
                p.value.currency.clone(),
            ]
        })
        .collect();
    to_csv(
        &[
            "pipeline",
            "stage_key",
            "stage_name",
            "leads",
            "value",
            "weighted",
            "currency",
        ],
        rows,
    )
}
