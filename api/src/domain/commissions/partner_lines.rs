//! The two partner components of a plan (seed 004 "Partner Orders", "New Partners"): a share of
//! a paid partner order's subtotal for the rep the order names, and a fixed bonus for the rep
//! when an account converted from its won lead is approved. Both are earned when written (the
//! money is in, the account is active) and unique by their source like every other line, so a
//! payment recorded twice or an event delivered twice writes one line.

use chrono::NaiveDateTime;
use closebook_shared::commission_lines::LineSource;
use closebook_shared::commissions::{LineStatus, LineType, rules};
use closebook_shared::events::PartnerApproved;
use diesel::prelude::*;

use super::calendar;
use super::ledger::{self, NewLine};
use super::plans::{self, InForce};
use crate::db::DbConn;
use crate::db::commissions::lines::{self, LineRow};
use crate::db::orders::OrderRow;
use crate::db::schema::users;
use crate::error::ApiError;

/// The plan in force for `rep` on the local date of `at`, and that instant's period.
fn plan_at(
    conn: &mut DbConn,
    rep: &str,
    at: NaiveDateTime,
) -> Result<(InForce, closebook_shared::commissions::Period), ApiError> {
    let zone = calendar::zone(conn)?;
    let role = users::table
        .find(rep)
        .select(users::role)
        .first::<closebook_shared::Role>(conn)?;
    let plan = plans::in_force(conn, Some(rep), role, calendar::local(zone, at).date())?;
    Ok((plan, calendar::period_of(zone, at)))
}

/// The rep's line for a partner order paid at `paid_at`; none when the order names no rep or
/// the line was written before.
pub fn order_paid(
    conn: &mut DbConn,
    order: &OrderRow,
    paid_at: NaiveDateTime,
) -> Result<Option<LineRow>, ApiError> {
    let Some(rep) = order.rep_id.as_deref() else {
        return Ok(None);
    };
    if lines::find_source_line(
        conn,
        LineType::PartnerOrder,
        LineSource::Order,
        &order.id,
        None,
    )?
    .is_some()
    {
        return Ok(None);
    }
    let (plan, period) = plan_at(conn, rep, paid_at)?;
    let subtotal = super::amount_of(order.subtotal_minor, &order.currency)?;
    let e = rules::partner_order(&plan.rules, subtotal, super::digits(&order.currency)?);
    let line = ledger::write(
        conn,
        NewLine {
            rep_id: rep,
            line_type: LineType::PartnerOrder,
            source_type: LineSource::Order,
            source_id: &order.id,
            plan_version_id: plan.plan_version_id.as_deref(),
            base: subtotal,
            rate: Some(plan.rules.partner_order_rate),
            explanation: &e,
            currency: &order.currency,
            period,
            source_at: paid_at,
            earns_at: None,
            related_line_id: None,
        },
        LineStatus::Earned,
        "partner order paid",
    )?;
    Ok(Some(line))
}

/// The rep's bonus for an account approved from its won lead; `false` when the account came
/// from no lead or names no rep, the plan pays no bonus, or the line was written before.
pub fn partner_approved(conn: &mut DbConn, approved: &PartnerApproved) -> Result<bool, ApiError> {
    let (Some(rep), Some(_lead)) = (approved.rep_id, approved.lead_id) else {
        return Ok(false);
    };
    let rep = rep.to_string();
    let partner = approved.partner_id.to_string();
    if lines::find_source_line(
        conn,
        LineType::NewPartner,
        LineSource::Partner,
        &partner,
        None,
    )?
    .is_some()
    {
        return Ok(false);
    }
    let at = approved.approved_at.naive_utc();
    let (plan, period) = plan_at(conn, &rep, at)?;
    let dp = super::digits(&plan.currency)?;
    let Some(e) = rules::new_partner(&plan.rules, dp) else {
        return Ok(false);
    };
    ledger::write(
        conn,
        NewLine {
            rep_id: &rep,
            line_type: LineType::NewPartner,
            source_type: LineSource::Partner,
            source_id: &partner,
            plan_version_id: plan.plan_version_id.as_deref(),
            base: e.amount,
            rate: None,
            explanation: &e,
            currency: &plan.currency,
            period,
            source_at: at,
            earns_at: None,
            related_line_id: None,
        },
        LineStatus::Earned,
        "partner account approved from a won lead",
    )?;
    Ok(true)
}
