//! `POST /shipments/{id}/temperatures`: readings of a temperature-controlled shipment's logger,
//! each flagged when warmer than the target plus the tolerance.

use closebook_shared::shipments::{Shipment, TemperatureLogRequest};
use uuid::Uuid;

use super::{back_office, load, whole};
use crate::audit;
use crate::authz::PartnerCaller;
use crate::db::DbConn;
use crate::db::shipments::{self as rows, ReadingRow};
use crate::domain::commissions::not_future;
use crate::error::ApiError;

pub fn log_temperatures(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    id: Uuid,
    req: TemperatureLogRequest,
) -> Result<Shipment, ApiError> {
    let named = load(conn, caller, id)?;
    back_office(caller)?;
    if !named.shipment.temperature_controlled {
        return Err(ApiError::conflict(
            "the shipment is not temperature-controlled: it keeps no log",
        ));
    }
    let mut readings = Vec::with_capacity(req.readings.len());
    for (i, r) in req.readings.iter().enumerate() {
        let at = r.at.naive_utc();
        not_future(&format!("readings[{i}].at"), at)?;
        readings.push(ReadingRow {
            id: Uuid::now_v7().to_string(),
            shipment_id: named.shipment.id.clone(),
            at,
            tenths: r.temperature.tenths(),
            location: r.location.as_ref().map(|l| l.trim().to_owned()),
        });
    }
    rows::add_readings(conn, &readings)?;
    let dto = whole(conn, named)?;
    audit::record(
        conn,
        &caller.actor,
        "shipment.temperatures",
        "shipment",
        Some(&dto.id.to_string()),
        None::<&serde_json::Value>,
        Some(&serde_json::json!({ "readings": readings.len(), "excursions": dto.excursions })),
    )?;
    Ok(dto)
}
