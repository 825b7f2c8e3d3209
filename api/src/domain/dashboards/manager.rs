//! `GET /dashboard/manager` (seed 000 F6, seed 003 §9.1 KPIs).

use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime};
use closebook_shared::Role;
use closebook_shared::dashboards::{
    FunnelStage, ManagerDashboard, ManagerDashboardQuery, RepStatus, conversions, mean_days,
    percent_1dp,
};
use closebook_shared::leads::{HistoryKind, Outcome};
use closebook_shared::pipelines::StageKind;
use closebook_shared::targets::{TargetMetric, TargetPeriod};
use closebook_shared::territories::Production;
use diesel::prelude::*;
use rust_decimal::Decimal;

use super::count;
use crate::authz::{InsightCaller, OwnerList, within_scope};
use crate::db::columns::uuid_of;
use crate::db::metrics::{self, Who};
use crate::db::schema::{allocations, lead_history, leads, users};
use crate::db::{DbConn, pipelines, settings};
use crate::domain::allocations::closes_since;
use crate::domain::analytics::{self, audience};
use crate::domain::targets::{self, Calendar};
use crate::error::ApiError;

pub fn manager_dashboard(
    conn: &mut DbConn,
    caller: &InsightCaller,
    q: ManagerDashboardQuery,
) -> Result<ManagerDashboard, ApiError> {
    let settings = settings::get(conn)?;
    let thresholds = settings.production();
    let cal = Calendar::of(settings)?;
    let who = audience(conn, caller, None, q.team_id)?;
    let mut reps_q = users::table
        .filter(users::role.eq(Role::SalesRep.as_str()))
        .filter(users::active.eq(true))
        .select((users::id, users::name))
        .order((users::name.asc(), users::id.asc()))
        .into_boxed();
    if let Some(ids) = who.people() {
        reps_q = reps_q.filter(users::id.eq_any(ids.to_vec()));
    }
    let reps: Vec<(String, String)> = reps_q.load(conn)?;
    let ids: Vec<String> = reps.iter().map(|r| r.0.clone()).collect();
    let ninety = cal.now - Duration::days(90);
    let closes: HashMap<String, u32> = closes_since(conn, &ids, ninety)?.into_iter().collect();
    let (month_first, month_last) = cal.period(TargetPeriod::Monthly, cal.today);
    let revenue = metrics::tallies(
        conn,
        TargetMetric::Revenue,
        Who::People(Some(&ids)),
        cal.span(month_first, month_last),
        &cal.currency,
    )?;
    let open: HashMap<String, i64> = leads::table
        .filter(leads::owner_id.eq_any(&ids))
        .filter(leads::outcome.eq(Outcome::Open.as_str()))
        .group_by(leads::owner_id)
        .select((leads::owner_id.assume_not_null(), diesel::dsl::count_star()))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect();
    let sla = sla_by_rep(conn, &ids, cal.now)?;
    let quotas = targets::quotas(conn, &ids, month_last, &cal)?;
    let mut statuses = Vec::with_capacity(reps.len());
    for (id, name) in &reps {
        let won = closebook_shared::targets::achieved(
            TargetMetric::Revenue,
            revenue.get(id).copied().unwrap_or_default(),
            cal.digits,
        );
        let (n, in_time) = sla.get(id).copied().unwrap_or((0, 0));
        statuses.push(RepStatus {
            rep_id: uuid_of(id),
            rep_name: name.clone(),
            production: Production::of(closes.get(id).copied().unwrap_or(0), thresholds),
            revenue_this_month: cal.money(won),
            quota_attainment: quotas.get(id).and_then(|q| percent_1dp(won, *q)),
            open_leads: count(open.get(id).copied().unwrap_or(0)),
            sla_compliance: percent_1dp(Decimal::from(in_time), Decimal::from(n)),
        });
    }
    let (all, in_time) = sla.values().fold((0, 0), |(a, b), (n, t)| (a + n, b + t));
    let (leak_line, discipline) = analytics::leak_and_discipline(conn, &cal, &who)?;
    let (funnel, cycle, ratio) = funnel(conn, who.people(), ninety, cal.now)?;
    let open_counts: Vec<u32> = statuses.iter().map(|s| s.open_leads).collect();
    Ok(ManagerDashboard {
        today: cal.today,
        reps: statuses,
        sla_compliance: percent_1dp(Decimal::from(in_time), Decimal::from(all)),
        open_leads_min: open_counts.iter().copied().min().unwrap_or(0),
        open_leads_max: open_counts.iter().copied().max().unwrap_or(0),
        leak_line,
        discipline_composite: discipline.composite,
        funnel,
        average_cycle_days: cycle,
        lead_to_close_percent: ratio,
    })
}

/// Per rep: allocations of the last 30 days that were answered or whose deadline passed, and
/// of those the ones answered (accepted or acted on) by their deadline.
fn sla_by_rep(
    conn: &mut DbConn,
    reps: &[String],
    now: NaiveDateTime,
) -> Result<HashMap<String, (u32, u32)>, ApiError> {
    type Row = (
        Option<String>,
        NaiveDateTime,
        Option<NaiveDateTime>,
        Option<NaiveDateTime>,
    );
    let rows: Vec<Row> = allocations::table
        .filter(allocations::rm_id.eq_any(reps))
        .filter(allocations::allocated_at.ge(now - Duration::days(30)))
        .select((
            allocations::rm_id,
            allocations::sla_deadline,
            allocations::accepted_at,
            allocations::first_action_at,
        ))
        .load(conn)?;
    let mut out: HashMap<String, (u32, u32)> = HashMap::new();
    for (rep, deadline, accepted, acted) in rows {
        let answered = [accepted, acted].into_iter().flatten().min();
        if answered.is_none() && deadline > now {
            continue; // still within its time
        }
        let slot = out.entry(rep.unwrap_or_default()).or_default();
        slot.0 += 1;
        slot.1 += u32::from(answered.is_some_and(|a| a <= deadline));
    }
    Ok(out)
}

/// The default pipeline's funnel over leads created since `since`: how many reached each open
/// stage and the won stage (by their current stage and their stage history), with the
/// conversions; the mean cycle of deals won since; won / created.
fn funnel(
    conn: &mut DbConn,
    people: Option<&[String]>,
    since: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<(Vec<FunnelStage>, Option<Decimal>, Option<Decimal>), ApiError> {
    let Some(pipeline) = pipelines::default_pipeline(conn)? else {
        return Ok((Vec::new(), None, None));
    };
    let set = pipelines::stages(conn, &pipeline.id)?;
    let steps: Vec<&pipelines::StageRow> = set
        .stages
        .iter()
        .filter(|s| s.kind() == StageKind::Open)
        .chain(set.of_kind(StageKind::Won))
        .collect();
    let step_of = |stage: &str| steps.iter().position(|s| s.id == stage);
    let q = leads::table
        .filter(leads::pipeline_id.eq(&pipeline.id))
        .filter(leads::created_at.ge(since))
        .select((leads::id, leads::stage_id))
        .into_boxed();
    let made: Vec<(String, String)> = within_scope!(q, people, leads::owner_id).load(conn)?;
    let mut furthest: HashMap<String, usize> = made
        .iter()
        .map(|(id, stage)| (id.clone(), step_of(stage).unwrap_or(0)))
        .collect();
    // The stages those leads left, in one join (both sides answered from indexes).
    let q = lead_history::table
        .inner_join(leads::table)
        .filter(leads::pipeline_id.eq(&pipeline.id))
        .filter(leads::created_at.ge(since))
        .filter(
            lead_history::kind.eq_any([HistoryKind::Stage.as_str(), HistoryKind::Outcome.as_str()]),
        )
        .select((lead_history::lead_id, lead_history::from_stage_id))
        .into_boxed();
    let moves: Vec<(String, Option<String>)> =
        within_scope!(q, people, leads::owner_id).load(conn)?;
    for (lead, from) in moves {
        // A lead that left a stage had reached it.
        if let (Some(step), Some(f)) = (from.as_deref().and_then(step_of), furthest.get_mut(&lead))
        {
            *f = (*f).max(step);
        }
    }
    let mut reached = vec![0u32; steps.len()];
    for f in furthest.values() {
        for r in reached.iter_mut().take(f + 1) {
            *r += 1;
        }
    }
    let rates = conversions(&reached);
    let funnel = steps
        .iter()
        .zip(reached.iter().zip(rates))
        .map(|(s, (n, rate))| FunnelStage {
            key: s.stage_key.clone(),
            name: s.name.clone(),
            reached: *n,
            conversion_to_next: rate,
        })
        .collect();
    // Deals won since: their cycle, and won / created.
    let q = leads::table
        .filter(leads::outcome.eq(Outcome::Won.as_str()))
        .filter(leads::closed_at.ge(since))
        .filter(leads::closed_at.lt(now))
        .select((leads::created_at, leads::closed_at.assume_not_null()))
        .into_boxed();
    let won: Vec<(NaiveDateTime, NaiveDateTime)> =
        within_scope!(q, people, leads::owner_id).load(conn)?;
    let seconds: i64 = won
        .iter()
        .map(|(c, w)| (*w - *c).num_seconds().max(0))
        .sum();
    let q = leads::table
        .filter(leads::created_at.ge(since))
        .count()
        .into_boxed();
    let created: i64 = within_scope!(q, people, leads::owner_id).get_result(conn)?;
    Ok((
        funnel,
        mean_days(seconds, count(won.len() as i64)),
        percent_1dp(Decimal::from(won.len() as u64), Decimal::from(created)),
    ))
}
