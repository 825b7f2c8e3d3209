//! What a draft plan would have paid: each rep's won deals, paid invoices and sold upsells of a
//! month, run through the shared month simulation (`month::simulate`, as the what-if and
//! `POST /commissions/simulate` do) under the rules the rep had and under the draft. Nothing is
//! stored; the two figures differ only by the rules.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use closebook_shared::Money;
use closebook_shared::commissions::Period;
use closebook_shared::commissions::month::{self, SimDeal, SimInvoice, SimUpsell, SimulateRequest};
use closebook_shared::compensation_plans::{PlanPreview, PlanPreviewRequest, RepPreview};
use diesel::prelude::*;
use rust_decimal::Decimal;

use super::{amount_of, calendar, plans};
use crate::db::DbConn;
use crate::db::columns::uuid_of;
use crate::db::schema::{clients, invoices, leads, upsells};
use crate::db::users as user_rows;
use crate::error::ApiError;
use crate::time;

/// A rep's month as the simulation takes it.
#[derive(Default)]
struct Month {
    /// Won deals in order (won time, then lead id), with their client.
    deals: Vec<(Option<String>, SimDeal)>,
    invoices: Vec<(String, Option<Decimal>, NaiveDateTime)>,
    upsells: Vec<SimUpsell>,
}

pub fn preview(conn: &mut DbConn, req: &PlanPreviewRequest) -> Result<PlanPreview, ApiError> {
    let zone = calendar::zone(conn)?;
    let this_month = Period::of(calendar::local_date(zone, time::now()));
    let period = match req.period {
        Some(p) if p > this_month => {
            return Err(ApiError::field(
                "period",
                "must be a month that has started",
            ));
        }
        Some(p) => p,
        None => Period::of(this_month.first_day().pred_opt().unwrap_or_default()),
    };
    let (start, end) = calendar::utc_bounds(zone, period);
    let last_day = period.end().pred_opt().unwrap_or_default();
    let currency = req.currency.as_str();
    let local = |t: NaiveDateTime| calendar::local_date(zone, t);

    let mut months: BTreeMap<String, Month> = BTreeMap::new();
    let won: Vec<(
        String,
        String,
        Option<String>,
        Option<i64>,
        Option<NaiveDateTime>,
    )> = leads::table
        .filter(leads::outcome.eq("won"))
        .filter(leads::closed_at.ge(start).and(leads::closed_at.lt(end)))
        .filter(leads::deal_currency.eq(currency))
        .order((leads::closed_at, leads::id))
        .filter(leads::owner_id.is_not_null())
        .select((
            leads::owner_id.assume_not_null(),
            leads::id,
            leads::client_id,
            leads::deal_value_minor,
            leads::closed_at,
        ))
        .load(conn)?;
    for (rep, _, client, value, at) in won {
        let (Some(value), Some(at)) = (value, at) else {
            continue;
        };
        let deal = SimDeal {
            value: amount_of(value, currency)?,
            won_on: local(at),
        };
        months.entry(rep).or_default().deals.push((client, deal));
    }
    let paid: Vec<(
        String,
        String,
        Option<i64>,
        Option<String>,
        Option<NaiveDateTime>,
    )> = invoices::table
        .inner_join(clients::table.on(clients::id.eq(invoices::client_id)))
        .filter(invoices::paid_at.ge(start).and(invoices::paid_at.lt(end)))
        .filter(invoices::currency.eq(currency))
        .order((invoices::paid_at, invoices::id))
        .select((
            clients::owner_id,
            clients::id,
            clients::residual_locked_minor,
            clients::residual_currency,
            invoices::paid_at,
        ))
        .load(conn)?;
    for (rep, client, locked, locked_currency, at) in paid {
        let Some(at) = at else { continue };
        let locked = match (locked, locked_currency.as_deref()) {
            (Some(m), Some(c)) if c == currency => Some(amount_of(m, currency)?),
            _ => None,
        };
        months
            .entry(rep)
            .or_default()
            .invoices
            .push((client, locked, at));
    }
    let sold: Vec<(String, i64, Option<NaiveDateTime>)> = upsells::table
        .filter(upsells::sold_at.ge(start).and(upsells::sold_at.lt(end)))
        .filter(upsells::currency.eq(currency))
        .order((upsells::sold_at, upsells::id))
        .select((upsells::rep_id, upsells::price_minor, upsells::sold_at))
        .load(conn)?;
    for (rep, price, at) in sold {
        let Some(at) = at else { continue };
        let upsell = SimUpsell {
            price: amount_of(price, currency)?,
            sold_on: local(at),
        };
        months.entry(rep).or_default().upsells.push(upsell);
    }

    // Amounts shown in the currency's minor unit, zero included (`0.00`, not `0`).
    let dp = super::digits(currency)?;
    let money = |mut amount: Decimal| {
        amount.rescale(dp);
        Money::new(amount, currency)
    };
    let plan = req.plan_id.map(|p| p.to_string());
    let mut reps = Vec::new();
    let (mut current_total, mut draft_total) = (Decimal::ZERO, Decimal::ZERO);
    for (rep, m) in months {
        let Some(user) = user_rows::find(conn, uuid_of(&rep))? else {
            continue;
        };
        let in_force = plans::in_force(conn, Some(&rep), user.role(), last_day)?;
        if in_force.currency != currency || plan.is_some() && in_force.plan_id != plan {
            continue;
        }
        let events = m.deals.len() + m.invoices.len() + m.upsells.len();
        let sim = SimulateRequest {
            plan: None,
            currency: currency.to_owned(),
            quota: in_force.quota,
            base_salary: super::salary_in(
                user.base_salary_minor,
                user.base_salary_currency.as_deref(),
                currency,
            )?,
            invoices: m
                .invoices
                .iter()
                .map(|(client, locked, at)| {
                    // A client won this month takes its tier from the simulated closes.
                    let deal = m
                        .deals
                        .iter()
                        .position(|(c, _)| c.as_deref() == Some(client.as_str()));
                    SimInvoice {
                        deal,
                        locked: if deal.is_some() { None } else { *locked },
                        paid_on: local(*at),
                    }
                })
                .collect(),
            deals: m.deals.into_iter().map(|(_, d)| d).collect(),
            upsells: m.upsells,
            refunds: Vec::new(),
        };
        let run = |rules| {
            month::simulate(&sim, rules)
                .map(|r| r.net)
                .map_err(|e| ApiError::internal(format!("preview of {rep}: {e:?}")))
        };
        let (current, draft) = (run(&in_force.rules)?, run(&req.rules)?);
        current_total += current;
        draft_total += draft;
        reps.push(RepPreview {
            rep_id: uuid_of(&rep),
            rep_name: user.name.clone(),
            events: events as u32,
            current: money(current),
            draft: money(draft),
        });
    }
    reps.sort_by_key(|r| std::cmp::Reverse((r.draft.amount - r.current.amount).abs()));
    Ok(PlanPreview {
        period,
        currency: currency.to_owned(),
        reps,
        current_total: money(current_total),
        draft_total: money(draft_total),
    })
}
