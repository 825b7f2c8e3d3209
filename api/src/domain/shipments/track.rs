//! `POST /shipments/{id}/events`: a tracking event moves the shipment's status and where it is;
//! delivering records who signed (the proof of delivery) and when.

use closebook_shared::shipments::{Shipment, ShipmentStatus, TrackingEventRequest};
use uuid::Uuid;

use super::{back_office, load, whole};
use crate::authz::PartnerCaller;
use crate::db::shipments::{self as rows, EventRow};
use crate::db::{DbConn, versioned};
use crate::domain::commissions::not_future;
use crate::error::ApiError;
use crate::{audit, concurrency, time};

pub fn track(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    id: Uuid,
    req: TrackingEventRequest,
    expected: Option<i64>,
) -> Result<Shipment, ApiError> {
    let mut named = load(conn, caller, id)?;
    back_office(caller)?;
    let before = named.shipment.clone();
    concurrency::check(expected, before.version)?;
    if !before.status.may_become(req.status) {
        return Err(ApiError::conflict(format!(
            "a shipment {} does not become {}",
            before.status.label().to_lowercase(),
            req.status.label().to_lowercase()
        ))
        .on_field("status", "does not follow the shipment's status"));
    }
    let delivered = req.status == ShipmentStatus::Delivered;
    let signed_by = req.signed_by.map(|s| s.trim().to_owned());
    if delivered && signed_by.is_none() {
        return Err(ApiError::field(
            "signed_by",
            "is required to deliver: who signed for it",
        ));
    }
    let now = time::now();
    let at = req.at.map_or(now, |t| t.naive_utc());
    not_future("at", at)?;
    let last = rows::events_of(conn, std::slice::from_ref(&before.id))?
        .last()
        .map(|e| e.at);
    if last.is_some_and(|l| at < l) {
        return Err(ApiError::field(
            "at",
            "must not be before the shipment's last event",
        ));
    }
    let location = req.location.trim().to_owned();
    rows::add_event(
        conn,
        &EventRow {
            id: Uuid::now_v7().to_string(),
            shipment_id: before.id.clone(),
            status: req.status,
            location: location.clone(),
            description: req.description.map(|d| d.trim().to_owned()),
            at,
        },
    )?;
    let mut row = before.clone();
    row.status = req.status;
    row.current_location = Some(location);
    if delivered {
        row.delivered_at = Some(at);
        row.signed_by = signed_by;
    }
    versioned::save(conn, &mut row, before.version, now)?;
    audit::record(
        conn,
        &caller.actor,
        "shipment.track",
        "shipment",
        Some(&row.id),
        Some(&serde_json::json!({ "status": before.status, "version": before.version })),
        Some(
            &serde_json::json!({ "status": row.status, "signed_by": row.signed_by, "version": row.version }),
        ),
    )?;
    named.shipment = row;
    whole(conn, named)
}
