//! Disputes (CMR-006): a rep disputes one of its own lines within the plan's window (7 days of
//! the line's creation), with a reason; finance resolves it by upholding the line (its status
//! returns) or adjusting it (a new adjustment line with the reason, linked to the disputed one,
//! and the disputed line's status returns too: the adjustment is the correction).

use closebook_shared::Money;
use closebook_shared::commission_lines::{
    CommissionLineDetail, DisputeRequest, LineSource, Resolution, ResolveRequest,
};
use closebook_shared::commissions::{Explanation, ExplanationPart, LineStatus, LineType, rules};
use uuid::Uuid;

use super::ledger::{self, NewLine};
use super::plans;
use crate::audit::{self, Actor};
use crate::authz::{CommissionCaller, OwnerScope};
use crate::db::DbConn;
use crate::db::commissions::lines::{self, Change};
use crate::error::ApiError;
use crate::time;

fn detail(conn: &mut DbConn, id: Uuid) -> Result<CommissionLineDetail, ApiError> {
    lines::detail(conn, &OwnerScope::All, id)?.ok_or_else(|| ApiError::not_found("commission line"))
}

pub fn dispute(
    conn: &mut DbConn,
    caller: &CommissionCaller,
    id: Uuid,
    req: DisputeRequest,
) -> Result<CommissionLineDetail, ApiError> {
    let key = id.to_string();
    let line = lines::find(conn, &key)?
        .filter(|l| caller.scope.covers(&l.rep_id))
        .ok_or_else(|| ApiError::not_found("commission line"))?;
    if caller.principal.user_id().map(|u| u.to_string()) != Some(line.rep_id.clone()) {
        return Err(ApiError::forbidden("only the line's rep disputes it"));
    }
    let status = lines::status_of(conn, &key)?
        .ok_or_else(|| ApiError::internal("a line without a status"))?;
    if !matches!(
        status,
        LineStatus::Pending | LineStatus::Earned | LineStatus::Approved
    ) {
        return Err(ApiError::conflict(format!(
            "a {status} line cannot be disputed"
        )));
    }
    let plan = plans::rules_of_version(conn, line.plan_version_id.as_deref())?;
    let now = time::now();
    if !rules::disputable(&plan, line.created_at, now) {
        return Err(ApiError::conflict(format!(
            "lines are disputed within {} days of being written",
            plan.dispute_days
        )));
    }
    let actor = caller.principal.user_id().map(|u| u.to_string());
    let reason = req.reason.trim();
    lines::dispute(
        conn,
        &key,
        status,
        &Change {
            status: LineStatus::Disputed,
            actor: actor.as_deref(),
            reason: Some(reason),
            reference: None,
            at: now,
        },
    )?;
    audit::record(
        conn,
        &caller.actor,
        "commission.dispute",
        "commission_line",
        Some(&key),
        Some(&status),
        Some(&LineStatus::Disputed),
    )?;
    detail(conn, id)
}

pub fn resolve(
    conn: &mut DbConn,
    actor: &Actor,
    id: Uuid,
    req: ResolveRequest,
) -> Result<CommissionLineDetail, ApiError> {
    let key = id.to_string();
    let line = lines::find(conn, &key)?.ok_or_else(|| ApiError::not_found("commission line"))?;
    // Judge the body before the state, so a bad request says what to fix.
    let adjustment = match (req.resolution, &req.adjustment) {
        (Resolution::Adjust, None) => {
            return Err(ApiError::field(
                "adjustment",
                "an adjustment needs an amount",
            ));
        }
        (Resolution::Uphold, Some(_)) => {
            return Err(ApiError::field(
                "adjustment",
                "only an `adjust` resolution takes an amount",
            ));
        }
        (Resolution::Adjust, Some(m)) => Some(adjustment_of(m, &line.currency)?),
        (Resolution::Uphold, None) => None,
    };
    if lines::status_of(conn, &key)? != Some(LineStatus::Disputed) {
        return Err(ApiError::conflict("the line is not under dispute"));
    }
    let back_to = lines::before_dispute(conn, &key)?
        .ok_or_else(|| ApiError::internal("a disputed line without its earlier status"))?;
    let reason = req.reason.trim();
    let actor_id = actor.id.map(|u| u.to_string());
    let now = time::now();
    if let Some(amount) = adjustment {
        let e = Explanation {
            rule: LineType::Adjustment,
            summary: format!("adjusted on dispute: {reason}"),
            parts: vec![ExplanationPart {
                label: "adjustment decided by finance".into(),
                base: amount.amount,
                rate: None,
                amount: amount.amount,
            }],
            unrounded: amount.amount,
            amount: amount.amount,
        };
        // One adjustment per dispute: the dispute is the latest history entry.
        let source = format!("{key}:{}", Uuid::now_v7());
        ledger::write(
            conn,
            NewLine {
                rep_id: &line.rep_id,
                line_type: LineType::Adjustment,
                source_type: LineSource::Dispute,
                source_id: &source,
                plan_version_id: line.plan_version_id.as_deref(),
                base: amount.amount,
                rate: None,
                explanation: &e,
                currency: &line.currency,
                period: line
                    .period
                    .parse()
                    .map_err(|e| ApiError::internal(format!("stored period: {e}")))?,
                source_at: now,
                earns_at: None,
                related_line_id: Some(&line.id),
            },
            LineStatus::Earned,
            reason,
        )?;
    }
    lines::set_status(
        conn,
        &key,
        &Change {
            status: back_to,
            actor: actor_id.as_deref(),
            reason: Some(reason),
            reference: None,
            at: now,
        },
    )?;
    audit::record(
        conn,
        actor,
        "commission.resolve",
        "commission_line",
        Some(&key),
        Some(&LineStatus::Disputed),
        Some(&req.resolution),
    )?;
    detail(conn, id)
}

/// An adjustment amount: in the line's currency, exact to its minor unit, not zero.
fn adjustment_of(m: &Money, currency: &str) -> Result<Money, ApiError> {
    if m.currency != currency {
        return Err(
            ApiError::conflict("the adjustment is in another currency").on_field(
                "adjustment",
                format!("must be in {currency}, the line's currency"),
            ),
        );
    }
    let minor = m
        .to_minor()
        .map_err(|e| ApiError::field("adjustment", e.to_string()))?;
    if minor == 0 {
        return Err(ApiError::field("adjustment", "must not be zero"));
    }
    closebook_shared::validate::money(&Money::new(m.amount.abs(), currency))
        .map_err(|e| ApiError::field("adjustment", e.to_string()))?;
    Ok(m.clone())
}
