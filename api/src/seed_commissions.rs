//! `closebook seed scale`'s commissions: months of a ledger at the size the benchmarks need —
//! per rep and month 20 won deals, 70 paid invoices (residuals), 5 upsells and 5 refunds'
//! clawbacks (100 source transactions; ~100,000 a month for 1,000 reps). Amounts come from the
//! shared rules, as the product computes them; rows are written in batches, not through the
//! per-event sources, so a year seeds in about a minute. The sources' own records (leads,
//! invoices) are not made: each line names a synthetic source id.

use chrono::{Duration, NaiveDateTime};
use closebook_shared::Role;
use closebook_shared::commission_lines::LineSource;
use closebook_shared::commissions::plan::{BandMode, NewBusinessRule, PlanRules};
use closebook_shared::commissions::{LineStatus, LineType, Period, rules};
use closebook_shared::compensation_plans::CreatePlanRequest;
use diesel::prelude::*;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::audit::Actor;
use crate::db::commissions::lines::{LineRow, StatusRow};
use crate::db::schema::{
    commission_line_status, commission_lines, commission_status_history, team_quotas, teams,
};
use crate::db::{Db, DbConn};
use crate::domain::commissions::plan_edits;
use crate::error::ApiError;

pub const PER_REP_MONTH: usize = 100;

fn plan() -> PlanRules {
    PlanRules {
        new_business: NewBusinessRule::five_then_ten(BandMode::Retroactive),
        team_bonus: Decimal::new(15_000, 2),
        override_rate: Decimal::new(2, 2),
        ..PlanRules::default()
    }
}

/// Writes `months` months (ending with last month) for `reps`; returns the lines written.
pub fn ledger(db: &Db, reps: &[String], months: u32) -> Result<usize, String> {
    let now = crate::time::now();
    let this_month = Period::of(now.date());
    let mut first = this_month;
    for _ in 0..months {
        first = first.previous();
    }
    let rules = plan();
    // Through the writer, as requests write (see `seed::write`).
    let plan_rules = rules.clone();
    crate::seed::write(db, move |c| {
        let rules = plan_rules;
        let actor = Actor::system();
        let since = first.first_day();
        for (name, role, r) in [
            ("Scale reps", Role::SalesRep, rules.clone()),
            (
                "Scale managers",
                Role::SalesManager,
                PlanRules {
                    override_rate: Decimal::new(2, 2),
                    ..PlanRules::default()
                },
            ),
        ] {
            // A second scale run keeps the first run's plans.
            let _ = plan_edits::create(
                c,
                &actor,
                CreatePlanRequest {
                    name: name.into(),
                    currency: "USD".into(),
                    default_for_role: Some(role),
                    effective_from: since,
                    rules: r,
                },
            );
        }
        let team_ids: Vec<String> = teams::table.select(teams::id).load(c)?;
        let with_quota: Vec<String> = team_quotas::table
            .filter(team_quotas::effective_from.eq(since))
            .select(team_quotas::team_id)
            .load(c)?;
        for t in team_ids.into_iter().filter(|t| !with_quota.contains(t)) {
            crate::db::commissions::plans::insert_team_quota(c, &t, since, 30_000_000, "USD", now)?;
        }
        Ok::<_, ApiError>(())
    })?;
    let mut written = 0;
    let mut period = first;
    while period < this_month {
        // One transaction per month: a month is what the close reads.
        let (reps, rules) = (reps.to_vec(), rules.clone());
        written += crate::seed::write(db, move |c| month(c, &reps, period, &rules))?;
        period = period.next();
    }
    Ok(written)
}

fn month(
    c: &mut DbConn,
    reps: &[String],
    period: Period,
    plan: &PlanRules,
) -> Result<usize, ApiError> {
    let start = period.first_day().and_hms_opt(9, 0, 0).unwrap_or_default();
    let days = (period.end() - period.first_day()).num_days().max(1);
    let mut lines = Vec::with_capacity(2000);
    let mut written = 0;
    for (r, rep) in reps.iter().enumerate() {
        let quota = Some(Decimal::from(40_000));
        let mut won = Decimal::ZERO;
        let mut new_business = Vec::new();
        for i in 0..PER_REP_MONTH {
            let at = start
                + Duration::minutes(
                    ((i as i64 * 397 + r as i64 * 13) % (days * 1440 - 600)).max(0),
                );
            let (line_type, source, base, e, status) = match i % 20 {
                // 20 won deals of 1,000–3,000.
                0..=3 => {
                    let value = Decimal::from(1_000 + ((i * 37 + r * 11) % 2_000) as i64);
                    let e = rules::new_business(&plan.new_business, quota, won, value, 2);
                    won += value;
                    new_business.push(e.amount);
                    (
                        LineType::NewBusiness,
                        LineSource::Lead,
                        value,
                        e,
                        LineStatus::Pending,
                    )
                }
                // One upsell and one refund in every twenty.
                4 => {
                    let price = Decimal::from(300 + (i % 7) as i64 * 100);
                    (
                        LineType::Upsell,
                        LineSource::Upsell,
                        price,
                        rules::upsell(plan, price, 2),
                        LineStatus::Pending,
                    )
                }
                5 if !new_business.is_empty() => {
                    let original = new_business[new_business.len() - 1];
                    let refund = rules::Refund {
                        original,
                        base: Decimal::from(1_000),
                        refunded_before: Decimal::ZERO,
                        refunded: Decimal::from(250),
                        source_date: at.date(),
                        refund_date: at.date(),
                    };
                    match rules::clawback(plan, &refund, 2) {
                        Some(e) => (
                            LineType::Clawback,
                            LineSource::Refund,
                            original,
                            e,
                            LineStatus::Earned,
                        ),
                        None => continue,
                    }
                }
                // The other fourteen in twenty: paid invoices earning the locked residual.
                _ => {
                    let locked = rules::residual_lock(plan, 1 + (i % 3) as u32);
                    (
                        LineType::Residual,
                        LineSource::Invoice,
                        locked,
                        rules::residual(plan, Some(locked), 2),
                        LineStatus::Earned,
                    )
                }
            };
            lines.push(row(rep, line_type, source, base, &e, period, at, status)?);
            if lines.len() >= 1000 {
                written += flush(c, &mut lines)?;
            }
        }
    }
    written += flush(c, &mut lines)?;
    Ok(written)
}

#[allow(clippy::too_many_arguments)]
fn row(
    rep: &str,
    line_type: LineType,
    source_type: LineSource,
    base: Decimal,
    e: &closebook_shared::commissions::Explanation,
    period: Period,
    at: NaiveDateTime,
    status: LineStatus,
) -> Result<(LineRow, StatusRow), ApiError> {
    let id = Uuid::now_v7().to_string();
    let line = LineRow {
        id: id.clone(),
        rep_id: rep.to_owned(),
        line_type,
        source_type,
        source_id: Uuid::now_v7().to_string(),
        plan_version_id: None,
        base_minor: crate::domain::commissions::minor_units(base.round_dp(2), "USD")?,
        rate: None,
        amount_minor: crate::domain::commissions::minor_units(e.amount, "USD")?,
        currency: "USD".into(),
        period: period.to_string(),
        source_at: at,
        earns_at: (status == LineStatus::Pending).then(|| at + Duration::days(30)),
        related_line_id: None,
        explanation_json: crate::db::commissions::lines::explanation_json(e)?,
        created_at: at,
    };
    let history = StatusRow {
        id: Uuid::now_v7().to_string(),
        line_id: id,
        status,
        actor_id: None,
        reason: Some("scale seed".into()),
        reference: None,
        at,
    };
    Ok((line, history))
}

fn flush(c: &mut DbConn, rows: &mut Vec<(LineRow, StatusRow)>) -> Result<usize, ApiError> {
    if rows.is_empty() {
        return Ok(0);
    }
    let (lines, history): (Vec<LineRow>, Vec<StatusRow>) = rows.drain(..).unzip();
    crate::db::batch_insert!(c, commission_lines::table, &lines)?;
    crate::db::batch_insert!(c, commission_status_history::table, &history)?;
    let index: Vec<_> = history
        .iter()
        .map(|h| {
            (
                commission_line_status::line_id.eq(h.line_id.clone()),
                commission_line_status::status.eq(h.status),
                commission_line_status::updated_at.eq(h.at),
            )
        })
        .collect();
    crate::db::batch_insert!(c, commission_line_status::table, &index)?;
    Ok(lines.len())
}
