//! `POST /orders/{id}/status`: the back office moves an order one step along its pipeline or
//! cancels it before it ships; the partner and its rep may cancel it while it is pending.
//! Confirming reserves its units out of stock, cancelling a confirmed order puts them back —
//! in the same transaction as the status, so a failed reservation changes nothing.

use closebook_shared::Role;
use closebook_shared::orders::{Order, OrderStatus, OrderStatusRequest};
use uuid::Uuid;

use super::{load, to_dto};
use crate::audit;
use crate::authz::PartnerCaller;
use crate::concurrency;
use crate::db::orders::{self as rows, OrderEventRow, OrderLineRow};
use crate::db::partner_invoices as invoice_rows;
use crate::db::{DbConn, products, versioned};
use crate::domain::partner_invoices;
use crate::error::ApiError;
use crate::time;
use closebook_shared::notifications::NotificationKind;

/// Takes every line's units out of stock (`take`), or puts them back. A product short is a 409
/// naming it (the transaction rolls back what was taken before it). Lines go in product order,
/// so two orders sharing products lock their rows in the same order and cannot deadlock.
fn move_stock(conn: &mut DbConn, lines: &[OrderLineRow], take: bool) -> Result<(), ApiError> {
    let mut by_product: Vec<&OrderLineRow> = lines.iter().collect();
    by_product.sort_by(|a, b| a.product_id.cmp(&b.product_id));
    for l in by_product {
        let change = if take { -l.quantity } else { l.quantity };
        if products::adjust_stock(conn, &l.product_id, change)?.is_none() {
            let left = products::stock_of(conn, &l.product_id)?;
            return Err(ApiError::conflict(format!(
                "{} ({}) has {left} units in stock; the order needs {}",
                l.name, l.sku, l.quantity
            ))
            .on_field("status", "the stock does not cover the order"));
        }
    }
    Ok(())
}

pub fn change_status(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    id: Uuid,
    req: OrderStatusRequest,
    expected: Option<i64>,
) -> Result<Order, ApiError> {
    let role = caller.principal.role;
    if role == Role::Finance {
        return Err(ApiError::forbidden(
            "finance reads orders; it does not move them",
        ));
    }
    let (before, partner) = load(conn, caller, id)?;
    let cancel = req.status == OrderStatus::Cancelled;
    if cancel && req.note.is_none() {
        return Err(ApiError::field("note", "is required to cancel an order"));
    }
    concurrency::check(expected, before.version)?;
    if role != Role::Admin && !(cancel && before.status == OrderStatus::Pending) {
        return Err(ApiError::forbidden(
            "the back office moves an order along; the partner and its rep cancel it while it is pending",
        ));
    }
    if !before.status.may_become(req.status) {
        let next = before
            .status
            .next()
            .map_or_else(|| "nothing".to_owned(), |n| n.to_string());
        return Err(ApiError::conflict(format!(
            "a {} order does not become {}; its next step is {next}",
            before.status, req.status
        ))
        .on_field("status", "does not follow the order's status"));
    }
    let now = time::now();
    if req.status == OrderStatus::Confirmed {
        partner_invoices::check_confirmable(conn, &before)?;
    } else if cancel {
        partner_invoices::cancel_with_order(conn, &before, now)?;
    }
    let lines = rows::lines(conn, &before.id)?;
    if req.status == OrderStatus::Confirmed {
        move_stock(conn, &lines, true)?;
    } else if cancel && before.status.holds_stock() {
        move_stock(conn, &lines, false)?;
    }
    let mut row = before.clone();
    row.status = req.status;
    versioned::save(conn, &mut row, before.version, now)?;
    rows::add_event(
        conn,
        &OrderEventRow {
            id: Uuid::now_v7().to_string(),
            order_id: row.id.clone(),
            from_status: Some(before.status),
            to_status: req.status,
            by_user: caller.principal.user_id().map(|u| u.to_string()),
            note: req.note.map(|n| n.trim().to_owned()),
            at: now,
        },
    )?;
    if req.status.tells_partner() {
        partner_invoices::notify_partner(
            conn,
            &row.partner_id,
            NotificationKind::OrderStatus,
            format!(
                "Order {} is {}",
                row.number,
                req.status.label().to_lowercase()
            ),
            match &row.po_number {
                Some(po) => format!("Your PO {po}: {} units.", row.units),
                None => format!("{} units.", row.units),
            },
            format!("/partner/orders/{}", row.id),
            now,
        )?;
    }
    let events = rows::events(conn, &row.id)?;
    let invoice = invoice_rows::of_order(conn, &row.id)?;
    let dto = to_dto(
        conn,
        &row,
        lines,
        events,
        partner.business_name,
        invoice.as_ref(),
    )?;
    audit::record(
        conn,
        &caller.actor,
        "order.status",
        "order",
        Some(&row.id),
        Some(&serde_json::json!({ "status": before.status, "version": before.version })),
        Some(&serde_json::json!({ "status": row.status, "version": row.version })),
    )?;
    Ok(dto)
}
