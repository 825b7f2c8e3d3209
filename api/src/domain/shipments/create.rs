//! `POST /orders/{id}/shipments`: the back office books a shipment of a confirmed order with a
//! carrier; its first tracking event is `pending` at the warehouse.

use closebook_shared::orders::OrderStatus;
use closebook_shared::shipments::{
    CreateShipmentRequest, DEFAULT_TARGET, DEFAULT_TOLERANCE, Shipment, ShipmentStatus,
};
use uuid::Uuid;

use super::{back_office, load, whole};
use crate::audit;
use crate::authz::PartnerCaller;
use crate::db::DbConn;
use crate::db::shipments::{self as rows, EventRow, ShipmentRow};
use crate::error::ApiError;
use crate::time;

pub fn create(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    order_id: Uuid,
    req: CreateShipmentRequest,
) -> Result<Shipment, ApiError> {
    // The order must be one the caller sees (404), then the caller the back office (403).
    let order = crate::domain::orders::get(conn, caller, order_id)?;
    back_office(caller)?;
    if matches!(order.status, OrderStatus::Pending | OrderStatus::Cancelled) {
        return Err(ApiError::conflict(format!(
            "a {} order is not shipped: confirm it first",
            order.status.label().to_lowercase()
        )));
    }
    let number = req.tracking_number.trim().to_owned();
    if rows::tracking_taken(conn, req.carrier, &number)? {
        return Err(ApiError::conflict(format!(
            "{} already has a shipment under tracking number {number}",
            req.carrier.label()
        ))
        .on_field("tracking_number", "is taken at this carrier"));
    }
    let now = time::now();
    let id = Uuid::now_v7().to_string();
    let row = ShipmentRow {
        id: id.clone(),
        order_id: order_id.to_string(),
        partner_id: order.partner_id.to_string(),
        carrier: req.carrier,
        service: req.service.map(|s| s.trim().to_owned()),
        tracking_number: number,
        status: ShipmentStatus::Pending,
        current_location: Some("Warehouse".into()),
        estimated_delivery: req.estimated_delivery.map(|t| t.naive_utc()),
        packages: i32::try_from(req.packages.unwrap_or(1)).unwrap_or(1),
        delivered_at: None,
        signed_by: None,
        temperature_controlled: req.temperature_controlled.unwrap_or(true),
        target_tenths: req.target_temperature.unwrap_or(DEFAULT_TARGET).tenths(),
        tolerance_tenths: req.tolerance.unwrap_or(DEFAULT_TOLERANCE).tenths(),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    rows::insert(conn, &row)?;
    rows::add_event(
        conn,
        &EventRow {
            id: Uuid::now_v7().to_string(),
            shipment_id: id.clone(),
            status: ShipmentStatus::Pending,
            location: "Warehouse".into(),
            description: Some(format!("Booked with {}", req.carrier.label())),
            at: now,
        },
    )?;
    let named = load(conn, caller, crate::db::columns::uuid_of(&id))?;
    let dto = whole(conn, named)?;
    audit::record_after(
        conn,
        &caller.actor,
        "shipment.create",
        "shipment",
        &id,
        &dto,
    )?;
    Ok(dto)
}
