//! Refunds (CMR-002). A refund of an invoice claws back the share of the invoice's residual line;
//! a refund of a deal claws back the share of the won deal's new-business line:
//! `−(original × refunded ÷ base)`, rounded cumulatively so a full refund nets the original to
//! exactly zero. A refund more than the plan's window (45 days) after the original line's source
//! event, by local calendar date, writes no line; a voided original is never clawed back.
//!
//! The clawback follows the original through payroll: pending with it (earned on the same day,
//! voided with it when the client cancels), otherwise earned at once so the next payout deducts
//! it. An original already paid is marked `clawed_back`.

use chrono::NaiveDateTime;
use closebook_shared::Money;
use closebook_shared::commission_lines::LineSource;
use closebook_shared::commissions::{LineStatus, LineType, rules};
use closebook_shared::invoices::{CreateRefundRequest, Refund};
use uuid::Uuid;

use super::ledger::{self, NewLine};
use super::{calendar, plans};
use crate::audit::{self, Actor};
use crate::db::DbConn;
use crate::db::clients as client_rows;
use crate::db::commissions::invoices as invoice_rows;
use crate::db::commissions::lines::{self, Change, LineRow};
use crate::db::commissions::refunds::{self as rows, RefundRow};
use crate::error::ApiError;
use crate::time;

/// What is refunded.
pub enum Target {
    Invoice(String),
    Deal(String),
}

/// A refund to record (by hand, or from the billing system with its id).
pub struct NewRefund {
    pub target: Target,
    pub external_id: Option<String>,
    pub amount: Money,
    pub refunded_at: NaiveDateTime,
}

/// Finance's refund by hand of an invoice or a client's deal.
pub fn create(
    conn: &mut DbConn,
    actor: &Actor,
    target: Target,
    req: CreateRefundRequest,
) -> Result<Refund, ApiError> {
    let refunded_at = req.refunded_at.map_or_else(time::now, |t| t.naive_utc());
    record(
        conn,
        actor,
        NewRefund {
            target,
            external_id: None,
            amount: req.amount,
            refunded_at,
        },
    )
}

/// Records a refund and writes its clawback, if one is due.
pub fn record(conn: &mut DbConn, actor: &Actor, r: NewRefund) -> Result<Refund, ApiError> {
    super::not_future("refunded_at", r.refunded_at)?;
    closebook_shared::validate::money(&r.amount)
        .map_err(|e| ApiError::field("amount", e.to_string()))?;
    if r.amount.amount.is_zero() {
        return Err(ApiError::field("amount", "must be more than zero"));
    }
    let amount_minor = r
        .amount
        .to_minor()
        .map_err(|e| ApiError::field("amount", e.to_string()))?;
    // What was refunded: its base, what earlier refunds returned, its currency, and the line
    // the refund claws back from.
    let (invoice_id, client_id, base_minor, before_minor, currency, original) = match &r.target {
        Target::Invoice(id) => {
            let inv =
                invoice_rows::find(conn, id)?.ok_or_else(|| ApiError::not_found("invoice"))?;
            let Some(paid_at) = inv.paid_at else {
                return Err(ApiError::conflict("only a paid invoice can be refunded"));
            };
            if r.refunded_at < paid_at {
                return Err(ApiError::field(
                    "refunded_at",
                    "must not be before the invoice was paid",
                ));
            }
            let original =
                lines::find_source_line(conn, LineType::Residual, LineSource::Invoice, id, None)?;
            (
                Some(id.clone()),
                None,
                inv.amount_minor,
                inv.refunded_minor,
                inv.currency,
                original,
            )
        }
        Target::Deal(id) => {
            let client =
                client_rows::find(conn, id)?.ok_or_else(|| ApiError::not_found("client"))?;
            let (Some(value), Some(currency)) = (client.deal_value_minor, client.deal_currency)
            else {
                return Err(ApiError::conflict(
                    "the client's deal has no value to refund",
                ));
            };
            if r.refunded_at < client.signed_at {
                return Err(ApiError::field(
                    "refunded_at",
                    "must not be before the deal was won",
                ));
            }
            let before = rows::refunded_of_client(conn, id)?;
            let original = lines::find_source_line(
                conn,
                LineType::NewBusiness,
                LineSource::Lead,
                &client.lead_id,
                None,
            )?;
            (None, Some(id.clone()), value, before, currency, original)
        }
    };
    // What the refund may be depends on what was billed and refunded before: conflicts.
    if r.amount.currency != currency {
        return Err(
            ApiError::conflict("the refund is in another currency").on_field(
                "amount",
                format!("must be in {currency}, the currency refunded"),
            ),
        );
    }
    if amount_minor > base_minor - before_minor {
        let left = super::amount_of(base_minor - before_minor, &currency)?;
        return Err(
            ApiError::conflict("the refund is more than is left").on_field(
                "amount",
                format!("is more than the {left} {currency} left to refund"),
            ),
        );
    }
    let row = RefundRow {
        id: Uuid::now_v7().to_string(),
        external_id: r.external_id,
        invoice_id: invoice_id.clone(),
        client_id,
        amount_minor,
        currency: currency.clone(),
        refunded_at: r.refunded_at,
        created_by: actor.id.map(|u| u.to_string()),
        created_at: time::now(),
    };
    rows::insert(conn, &row)?;
    if let Some(id) = &invoice_id {
        invoice_rows::add_refunded(conn, id, amount_minor)?;
    }
    let clawback = match original {
        Some(original) => clawback(conn, &row, &original, base_minor, before_minor)?,
        None => None,
    };
    let dto = row.to_dto(clawback.as_deref())?;
    audit::record_after(conn, actor, "refund.create", "refund", &row.id, &dto)?;
    Ok(dto)
}

/// The clawback line of `refund` against `original`, if one is due; its id.
fn clawback(
    conn: &mut DbConn,
    refund: &RefundRow,
    original: &LineRow,
    base_minor: i64,
    before_minor: i64,
) -> Result<Option<String>, ApiError> {
    let status = lines::status_of(conn, &original.id)?
        .ok_or_else(|| ApiError::internal("a line without a status"))?;
    if status == LineStatus::Voided {
        return Ok(None);
    }
    let zone = calendar::zone(conn)?;
    let plan = plans::rules_of_version(conn, original.plan_version_id.as_deref())?;
    let dp = super::digits(&original.currency)?;
    let input = rules::Refund {
        original: super::amount_of(original.amount_minor, &original.currency)?,
        base: super::amount_of(base_minor, &refund.currency)?,
        refunded_before: super::amount_of(before_minor, &refund.currency)?,
        refunded: super::amount_of(refund.amount_minor, &refund.currency)?,
        source_date: calendar::local_date(zone, original.source_at),
        refund_date: calendar::local_date(zone, refund.refunded_at),
    };
    let Some(e) = rules::clawback(&plan, &input, dp) else {
        return Ok(None);
    };
    let pending = status == LineStatus::Pending;
    let line = ledger::write(
        conn,
        NewLine {
            rep_id: &original.rep_id,
            line_type: LineType::Clawback,
            source_type: LineSource::Refund,
            source_id: &refund.id,
            plan_version_id: original.plan_version_id.as_deref(),
            base: input.original,
            rate: None,
            explanation: &e,
            currency: &original.currency,
            period: calendar::period_of(zone, refund.refunded_at),
            source_at: refund.refunded_at,
            earns_at: if pending { original.earns_at } else { None },
            related_line_id: Some(&original.id),
        },
        if pending {
            LineStatus::Pending
        } else {
            LineStatus::Earned
        },
        "refund within the clawback window",
    )?;
    if status == LineStatus::Paid {
        lines::set_status(
            conn,
            &original.id,
            &Change {
                status: LineStatus::ClawedBack,
                actor: None,
                reason: Some("refunded after it was paid; see the clawback line"),
                reference: None,
                at: time::now(),
            },
        )?;
    }
    Ok(Some(line.id))
}

/// One refund, for finance.
pub fn load(conn: &mut DbConn, id: &str) -> Result<Refund, ApiError> {
    let row = rows::find(conn, id)?.ok_or_else(|| ApiError::not_found("refund"))?;
    let clawback = lines::find_source_line(conn, LineType::Clawback, LineSource::Refund, id, None)?;
    row.to_dto(clawback.as_ref().map(|l| l.id.as_str()))
}
