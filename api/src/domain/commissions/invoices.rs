//! Invoices entered by finance (and, next, delivered by the billing webhook). Paying one writes
//! the client's owner one residual line at the amount locked on the client when it was won (the
//! plan's fallback when none was), earned at once.

use chrono::NaiveDateTime;
use closebook_shared::commission_lines::LineSource;
use closebook_shared::commissions::{LineStatus, LineType, rules};
use closebook_shared::invoices::{CreateInvoiceRequest, Invoice};
use uuid::Uuid;

use super::ledger::{self, NewLine};
use super::{calendar, plans};
use crate::audit::{self, Actor};
use crate::db::DbConn;
use crate::db::clients as client_rows;
use crate::db::commissions::invoices::{self as rows, InvoiceRow};
use crate::db::commissions::lines;
use crate::db::users as user_rows;
use crate::error::ApiError;
use crate::time;

/// Finance's invoice entered by hand.
pub fn create(
    conn: &mut DbConn,
    actor: &Actor,
    req: CreateInvoiceRequest,
) -> Result<Invoice, ApiError> {
    create_with(conn, actor, req, None)
}

/// An invoice the billing system sent, known there by `external_id`.
pub fn create_external(
    conn: &mut DbConn,
    actor: &Actor,
    req: CreateInvoiceRequest,
    external_id: &str,
) -> Result<Invoice, ApiError> {
    // The webhook's invoices arrive without the extractor's checks.
    garde::Validate::validate(&req).map_err(ApiError::from)?;
    create_with(conn, actor, req, Some(external_id))
}

fn create_with(
    conn: &mut DbConn,
    actor: &Actor,
    req: CreateInvoiceRequest,
    external_id: Option<&str>,
) -> Result<Invoice, ApiError> {
    let paid_at = req.paid_at.map(|t| t.naive_utc());
    if let Some(at) = paid_at {
        super::not_future("paid_at", at)?;
    }
    let client = client_rows::find(conn, &req.client_id.to_string())?
        .ok_or_else(|| ApiError::reference("client_id", "is not a client"))?;
    let amount_minor = req
        .amount
        .to_minor()
        .map_err(|e| ApiError::field("amount", e.to_string()))?;
    let row = InvoiceRow {
        id: Uuid::now_v7().to_string(),
        number: rows::next_number(conn)?,
        external_id: external_id.map(str::to_owned),
        client_id: client.id.clone(),
        amount_minor,
        currency: req.amount.currency.clone(),
        service_month: req.service_month.to_string(),
        paid_at: None,
        refunded_minor: 0,
        created_by: actor.id.map(|u| u.to_string()),
        created_at: time::now(),
    };
    rows::insert(conn, &row)?;
    audit::record_after(
        conn,
        actor,
        "invoice.create",
        "invoice",
        &row.id,
        &row.to_dto()?,
    )?;
    match paid_at {
        Some(at) => pay(conn, actor, &row.id, at),
        None => row.to_dto(),
    }
}

/// Marks the invoice paid at `at` and writes its residual line; paying twice is a 409.
pub fn pay(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    at: NaiveDateTime,
) -> Result<Invoice, ApiError> {
    super::not_future("paid_at", at)?;
    let before = rows::find(conn, id)?.ok_or_else(|| ApiError::not_found("invoice"))?;
    if !rows::mark_paid(conn, id, at)? {
        return Err(ApiError::conflict("the invoice is already paid"));
    }
    residual_for(conn, &before, at)?;
    let after = rows::find(conn, id)?.ok_or_else(|| ApiError::not_found("invoice"))?;
    let (old, new) = (before.to_dto()?, after.to_dto()?);
    audit::record(
        conn,
        actor,
        "invoice.pay",
        "invoice",
        Some(id),
        Some(&old),
        Some(&new),
    )?;
    Ok(new)
}

/// The residual line of a paid invoice, once per invoice; `false` when it was written before.
pub fn residual_for(
    conn: &mut DbConn,
    invoice: &InvoiceRow,
    paid_at: NaiveDateTime,
) -> Result<bool, ApiError> {
    let client = client_rows::find(conn, &invoice.client_id)?
        .ok_or_else(|| ApiError::internal("an invoice's client is gone"))?;
    let rep = client.owner_id.clone();
    // One residual per invoice, whoever owns the client now.
    if lines::find_source_line(
        conn,
        LineType::Residual,
        LineSource::Invoice,
        &invoice.id,
        None,
    )?
    .is_some()
    {
        return Ok(false);
    }
    let zone = calendar::zone(conn)?;
    let local = calendar::local(zone, paid_at);
    let role = user_rows::find(conn, crate::db::columns::uuid_of(&rep))?
        .map(|u| u.role())
        .ok_or_else(|| ApiError::internal("a client's owner is gone"))?;
    let plan = plans::in_force(conn, Some(&rep), role, local.date())?;
    let currency = client.residual_currency.clone().unwrap_or(plan.currency);
    let dp = super::digits(&currency)?;
    let locked = client
        .residual_locked_minor
        .map(|m| super::amount_of(m, &currency))
        .transpose()?;
    let e = rules::residual(&plan.rules, locked, dp);
    ledger::write(
        conn,
        NewLine {
            rep_id: &rep,
            line_type: LineType::Residual,
            source_type: LineSource::Invoice,
            source_id: &invoice.id,
            plan_version_id: plan.plan_version_id.as_deref(),
            base: e.amount,
            rate: None,
            explanation: &e,
            currency: &currency,
            period: calendar::period_of(zone, paid_at),
            source_at: paid_at,
            earns_at: None,
            related_line_id: None,
        },
        LineStatus::Earned,
        "invoice paid",
    )?;
    Ok(true)
}
