//! Partner orders (issue 13 §3): a cart priced at the account's tier (`quote`), placed
//! within its credit (`place`), moved along the fulfilment pipeline with stock reserved on
//! confirmation and released on cancellation (`status`). Who sees an order is who sees its
//! account ([`PartnerScope`](crate::authz::PartnerScope)).

mod place;
mod status;

pub use place::{place, quote};
pub use status::change_status;

use std::collections::HashMap;

use closebook_shared::Page;
use closebook_shared::orders::{Order, OrderEvent, OrderLine, OrderListQuery, OrderSummary};
use uuid::Uuid;

use crate::authz::PartnerCaller;
use crate::db::columns::{stored_count, stored_money, uuid_of};
use crate::db::orders::{self as rows, OrderEventRow, OrderLineRow, OrderRow, SummaryRow};
use crate::db::partner_invoices::{self, InvoiceRow};
use crate::db::partners::PartnerRow;
use crate::db::{DbConn, partners, users};
use crate::error::ApiError;
use crate::pagination::PageRequest;

/// The order whole, from its lines and history (as the caller has them: placing an order
/// holds them already), with the names of who moved it.
fn to_dto(
    conn: &mut DbConn,
    row: &OrderRow,
    lines: Vec<OrderLineRow>,
    events: Vec<OrderEventRow>,
    partner_name: String,
    invoice: Option<&InvoiceRow>,
) -> Result<Order, ApiError> {
    let money = |minor: i64| stored_money(minor, &row.currency);
    let lines = lines
        .into_iter()
        .map(|l| {
            Ok(OrderLine {
                product_id: uuid_of(&l.product_id),
                sku: l.sku,
                name: l.name,
                quantity: stored_count(l.quantity, "order line quantity")?,
                case_pack: stored_count(l.case_pack, "order line case pack")?,
                unit_msrp: money(l.unit_msrp_minor)?,
                unit_price: money(l.unit_price_minor)?,
                subtotal: money(l.subtotal_minor)?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let people: Vec<String> = events.iter().filter_map(|e| e.by_user.clone()).collect();
    let names: HashMap<String, String> = users::names(conn, &people)?.into_iter().collect();
    let history = events
        .into_iter()
        .map(|e| OrderEvent {
            from: e.from_status,
            to: e.to_status,
            by_name: e.by_user.as_ref().and_then(|u| names.get(u).cloned()),
            by: e.by_user.as_deref().map(uuid_of),
            note: e.note,
            at: e.at.and_utc(),
        })
        .collect();
    Ok(Order {
        id: uuid_of(&row.id),
        number: row.number.clone(),
        partner_id: uuid_of(&row.partner_id),
        partner_name,
        rep_id: row.rep_id.as_deref().map(uuid_of),
        status: row.status,
        lines,
        units: stored_count(row.units, "order units")?,
        discount_percent: stored_count(row.discount_percent, "order discount")?,
        msrp_total: money(row.msrp_total_minor)?,
        discount: money(row.msrp_total_minor - row.subtotal_minor)?,
        subtotal: money(row.subtotal_minor)?,
        payment_terms: row.payment_terms,
        paid_at: row.paid_at.map(|t| t.and_utc()),
        invoice_id: invoice.map(|i| uuid_of(&i.id)),
        invoice_number: invoice.map(|i| i.number.clone()),
        po_number: row.po_number.clone(),
        ship_to: row.ship_to(),
        special_instructions: row.special_instructions.clone(),
        placed_by: row.placed_by.as_deref().map(uuid_of),
        history,
        version: row.version,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
    })
}

fn summary(row: SummaryRow) -> Result<OrderSummary, ApiError> {
    Ok(OrderSummary {
        id: uuid_of(&row.id),
        number: row.number,
        partner_id: uuid_of(&row.partner_id),
        partner_name: row.partner_name,
        status: row.status,
        units: stored_count(row.units, "order units")?,
        subtotal: stored_money(row.subtotal_minor, &row.currency)?,
        po_number: row.po_number,
        paid_at: row.paid_at.map(|t| t.and_utc()),
        version: row.version,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
    })
}

/// The account `id`, when the caller sees it (404 otherwise).
fn account(conn: &mut DbConn, caller: &PartnerCaller, id: Uuid) -> Result<PartnerRow, ApiError> {
    partners::find(conn, id)?
        .filter(|p| caller.scope.covers(&p.id, p.rep_id.as_deref()))
        .ok_or_else(|| ApiError::not_found("partner"))
}

/// The order `id` and its account, when the caller sees the account (404 otherwise).
fn load(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    id: Uuid,
) -> Result<(OrderRow, PartnerRow), ApiError> {
    let order = rows::find(conn, id)?.ok_or_else(|| ApiError::not_found("order"))?;
    let partner = account(conn, caller, uuid_of(&order.partner_id))
        .map_err(|_| ApiError::not_found("order"))?;
    Ok((order, partner))
}

pub fn get(conn: &mut DbConn, caller: &PartnerCaller, id: Uuid) -> Result<Order, ApiError> {
    let (order, partner) = load(conn, caller, id)?;
    let (lines, events) = (
        rows::lines(conn, &order.id)?,
        rows::events(conn, &order.id)?,
    );
    let invoice = partner_invoices::of_order(conn, &order.id)?;
    to_dto(
        conn,
        &order,
        lines,
        events,
        partner.business_name,
        invoice.as_ref(),
    )
}

pub fn list(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    q: OrderListQuery,
    page: &PageRequest,
) -> Result<Page<OrderSummary>, ApiError> {
    let rows = rows::list(conn, &caller.scope, &q, page)?;
    let pairs = rows
        .into_iter()
        .map(|r| Ok((vec![r.id.clone()], summary(r)?)))
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(page.finish(pairs, |(key, _)| key.clone(), |(_, d)| d))
}
