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
use closebook_shared::orders::{
    Order, OrderEvent, OrderLine, OrderListQuery, OrderSummary, ShipTo,
};
use closebook_shared::partners::PostalAddress;
use uuid::Uuid;

use crate::authz::PartnerCaller;
use crate::db::columns::{stored_money, uuid_of};
use crate::db::orders::{self as rows, OrderRow, SummaryRow};
use crate::db::partners::PartnerRow;
use crate::db::{DbConn, partners, users};
use crate::error::ApiError;
use crate::pagination::PageRequest;

fn ship_to(row: &OrderRow) -> ShipTo {
    ShipTo {
        recipient_name: row.ship_recipient.clone(),
        address: PostalAddress {
            line1: row.ship_line1.clone(),
            line2: row.ship_line2.clone(),
            city: row.ship_city.clone(),
            region: row.ship_region.clone(),
            postal_code: row.ship_postal_code.clone(),
            country: row.ship_country.clone(),
        },
        dock_instructions: row.dock_instructions.clone(),
        dock_hours: row.dock_hours.clone(),
        requires_appointment: row.requires_appointment,
    }
}

fn units(v: i64, what: &str) -> Result<u32, ApiError> {
    u32::try_from(v).map_err(|_| ApiError::internal(format!("stored {what}: {v}")))
}

/// The order whole: its lines, its history with the names of who moved it.
fn to_dto(conn: &mut DbConn, row: &OrderRow, partner_name: String) -> Result<Order, ApiError> {
    let money = |minor: i64| stored_money(minor, &row.currency);
    let lines = rows::lines(conn, &row.id)?
        .into_iter()
        .map(|l| {
            Ok(OrderLine {
                product_id: uuid_of(&l.product_id),
                sku: l.sku,
                name: l.name,
                quantity: units(l.quantity, "order line quantity")?,
                case_pack: u32::try_from(l.case_pack).unwrap_or(1),
                unit_msrp: money(l.unit_msrp_minor)?,
                unit_price: money(l.unit_price_minor)?,
                subtotal: money(l.subtotal_minor)?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let events = rows::events(conn, &row.id)?;
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
        units: u64::try_from(row.units).unwrap_or_default(),
        discount_percent: u32::try_from(row.discount_percent).unwrap_or_default(),
        msrp_total: money(row.msrp_total_minor)?,
        discount: money(row.msrp_total_minor - row.subtotal_minor)?,
        subtotal: money(row.subtotal_minor)?,
        payment_terms: row.payment_terms,
        paid_at: row.paid_at.map(|t| t.and_utc()),
        po_number: row.po_number.clone(),
        ship_to: ship_to(row),
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
        units: u64::try_from(row.units).unwrap_or_default(),
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
    to_dto(conn, &order, partner.business_name)
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
