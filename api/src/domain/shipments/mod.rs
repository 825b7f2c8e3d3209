//! Shipments (issue 13 §5): booked for an order by the back office (`create`), moved by tracking
//! events (`track`: the carrier's scans; delivering records who signed), and logged by the
//! temperature logger (`log_temperatures`). Who sees a shipment is who sees its account.

mod create;
mod log;
mod track;

pub use create::create;
pub use log::log_temperatures;
pub use track::track;

use std::collections::HashMap;

use closebook_shared::Page;
use closebook_shared::shipments::{
    Fahrenheit, Shipment, ShipmentListQuery, TemperatureReading, TrackingEvent, is_excursion,
};
use uuid::Uuid;

use crate::authz::PartnerCaller;
use crate::db::DbConn;
use crate::db::columns::{stored_count, uuid_of};
use crate::db::shipments::{self as rows, EventRow, NamedShipment, ReadingRow};
use crate::error::ApiError;
use crate::pagination::PageRequest;

/// The shipment whole, from its events and readings.
fn to_dto(
    named: NamedShipment,
    events: Vec<EventRow>,
    readings: Vec<ReadingRow>,
) -> Result<Shipment, ApiError> {
    let s = named.shipment;
    let target = Fahrenheit::from_tenths(s.target_tenths);
    let tolerance = Fahrenheit::from_tenths(s.tolerance_tenths);
    let readings: Vec<TemperatureReading> = readings
        .into_iter()
        .map(|r| {
            let t = Fahrenheit::from_tenths(r.tenths);
            TemperatureReading {
                at: r.at.and_utc(),
                temperature: t,
                location: r.location,
                excursion: s.temperature_controlled && is_excursion(t, target, tolerance),
            }
        })
        .collect();
    let excursions =
        u32::try_from(readings.iter().filter(|r| r.excursion).count()).unwrap_or(u32::MAX);
    Ok(Shipment {
        id: uuid_of(&s.id),
        order_id: uuid_of(&s.order_id),
        order_number: named.order_number,
        partner_id: uuid_of(&s.partner_id),
        partner_name: named.partner_name,
        carrier: s.carrier,
        service: s.service,
        tracking_number: s.tracking_number,
        status: s.status,
        current_location: s.current_location,
        estimated_delivery: s.estimated_delivery.map(|t| t.and_utc()),
        packages: stored_count(s.packages, "shipment packages")?,
        delivered_at: s.delivered_at.map(|t| t.and_utc()),
        signed_by: s.signed_by,
        temperature_controlled: s.temperature_controlled,
        target_temperature: target,
        tolerance,
        events: events
            .into_iter()
            .map(|e| TrackingEvent {
                status: e.status,
                location: e.location,
                description: e.description,
                at: e.at.and_utc(),
            })
            .collect(),
        readings,
        excursions,
        version: s.version,
        created_at: s.created_at.and_utc(),
        updated_at: s.updated_at.and_utc(),
    })
}

/// The shipment `id` with its names, when the caller sees its account (404 otherwise).
fn load(conn: &mut DbConn, caller: &PartnerCaller, id: Uuid) -> Result<NamedShipment, ApiError> {
    rows::find_named(conn, &caller.scope, &id.to_string())?
        .ok_or_else(|| ApiError::not_found("shipment"))
}

/// A shipment whole, read again.
fn whole(conn: &mut DbConn, named: NamedShipment) -> Result<Shipment, ApiError> {
    let ids = [named.shipment.id.clone()];
    let events = rows::events_of(conn, &ids)?;
    let readings = rows::readings_of(conn, &ids)?;
    to_dto(named, events, readings)
}

pub fn get(conn: &mut DbConn, caller: &PartnerCaller, id: Uuid) -> Result<Shipment, ApiError> {
    let named = load(conn, caller, id)?;
    whole(conn, named)
}

/// A page of shipments, each with its timeline and log (two reads for the page, not two per
/// shipment).
pub fn list(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    q: ShipmentListQuery,
    page: &PageRequest,
) -> Result<Page<Shipment>, ApiError> {
    let found = rows::list(conn, &caller.scope, &q, page)?;
    let ids: Vec<String> = found.iter().map(|s| s.shipment.id.clone()).collect();
    let mut events: HashMap<String, Vec<EventRow>> = HashMap::new();
    for e in rows::events_of(conn, &ids)? {
        events.entry(e.shipment_id.clone()).or_default().push(e);
    }
    let mut readings: HashMap<String, Vec<ReadingRow>> = HashMap::new();
    for r in rows::readings_of(conn, &ids)? {
        readings.entry(r.shipment_id.clone()).or_default().push(r);
    }
    let pairs = found
        .into_iter()
        .map(|s| {
            let id = s.shipment.id.clone();
            let dto = to_dto(
                s,
                events.remove(&id).unwrap_or_default(),
                readings.remove(&id).unwrap_or_default(),
            )?;
            Ok((vec![id], dto))
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(page.finish(pairs, |(key, _)| key.clone(), |(_, d)| d))
}

/// Only the back office books and tracks shipments.
fn back_office(caller: &PartnerCaller) -> Result<(), ApiError> {
    caller.back_office_only("books and tracks shipments")
}
