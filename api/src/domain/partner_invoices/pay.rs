//! `POST /partner-invoices/{id}/pay`: finance (or the back office) records a payment. The order
//! is paid with it (its amount leaves the account's open balance; a prepaid order may now be
//! confirmed) and the rep the order names earns its partner-order line — all in one
//! transaction, so a payment is never recorded without its line or the other way round.

use closebook_shared::notifications::NotificationKind;
use closebook_shared::partner_invoices::{PartnerInvoice, PayPartnerInvoiceRequest};
use uuid::Uuid;

use super::{load, to_dto};
use crate::audit;
use crate::authz::PartnerCaller;
use crate::concurrency;
use crate::db::notifications::{self as notes, NotificationRow};
use crate::db::{DbConn, orders, versioned};
use crate::domain::commissions::{not_future, partner_lines};
use crate::error::ApiError;
use crate::time;

pub fn pay(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    id: Uuid,
    req: PayPartnerInvoiceRequest,
    expected: Option<i64>,
) -> Result<PartnerInvoice, ApiError> {
    let mut named = load(conn, caller, id)?;
    if !caller.records_payments() {
        return Err(ApiError::forbidden(
            "finance and the back office record payments",
        ));
    }
    let before = named.invoice.clone();
    concurrency::check(expected, before.version)?;
    if before.paid_at.is_some() {
        return Err(ApiError::conflict(format!(
            "invoice {} is already paid",
            before.number
        )));
    }
    if before.cancelled_at.is_some() {
        return Err(ApiError::conflict(format!(
            "invoice {} was cancelled with its order",
            before.number
        )));
    }
    let now = time::now();
    let paid_at = req.paid_at.map_or(now, |t| t.naive_utc());
    not_future("paid_at", paid_at)?;
    if paid_at < before.issued_at {
        return Err(ApiError::field(
            "paid_at",
            "must not be before the invoice was issued",
        ));
    }
    let mut row = before.clone();
    row.paid_at = Some(paid_at);
    row.payment_reference = req.reference.map(|r| r.trim().to_owned());
    row.paid_by = caller.principal.user_id().map(|u| u.to_string());
    versioned::save(conn, &mut row, before.version, now)?;

    let order_before = orders::find(conn, crate::db::columns::uuid_of(&row.order_id))?
        .ok_or_else(|| ApiError::internal("an invoice's order is gone"))?;
    let mut order = order_before.clone();
    order.paid_at = Some(paid_at);
    versioned::save(conn, &mut order, order_before.version, now)?;

    if let Some(line) = partner_lines::order_paid(conn, &order, paid_at)? {
        let n = NotificationRow::new(
            &line.rep_id,
            NotificationKind::InvoicePaid,
            format!("{} paid {}", named.partner_name, order.number),
            format!(
                "Invoice {} was paid: your partner-order commission is {} {}.",
                row.number,
                crate::db::columns::stored_money(line.amount_minor, &line.currency)?.amount,
                line.currency
            ),
            Some("/commissions".to_owned()),
            now,
        );
        notes::insert(conn, &n)?;
    }
    named.invoice = row;
    let dto = to_dto(&named, now)?;
    audit::record(
        conn,
        &caller.actor,
        "partner_invoice.pay",
        "partner_invoice",
        Some(&named.invoice.id),
        Some(&serde_json::json!({ "paid_at": null, "version": before.version })),
        Some(&serde_json::json!({
            "paid_at": dto.paid_at,
            "reference": named.invoice.payment_reference,
            "version": dto.version,
        })),
    )?;
    Ok(dto)
}
