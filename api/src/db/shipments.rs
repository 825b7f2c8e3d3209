//! Shipment rows: the shipment, its tracking events, its temperature readings.

use chrono::NaiveDateTime;
use closebook_shared::shipments::{Carrier, ShipmentListQuery, ShipmentStatus};
use diesel::prelude::*;

use super::DbConn;
use super::columns::StoredId;
use super::orders::with_order_names;
use super::schema::{orders, partners, shipment_events, shipments, temperature_readings};
use crate::authz::PartnerScope;
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = shipments, treat_none_as_null = true)]
pub struct ShipmentRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    #[diesel(deserialize_as = StoredId)]
    pub order_id: String,
    #[diesel(deserialize_as = StoredId)]
    pub partner_id: String,
    pub carrier: Carrier,
    pub service: Option<String>,
    pub tracking_number: String,
    pub status: ShipmentStatus,
    pub current_location: Option<String>,
    pub estimated_delivery: Option<NaiveDateTime>,
    pub packages: i32,
    pub delivered_at: Option<NaiveDateTime>,
    pub signed_by: Option<String>,
    pub temperature_controlled: bool,
    pub target_tenths: i32,
    pub tolerance_tenths: i32,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A shipment with the names a page shows beside it.
#[derive(Debug, Clone, Queryable, Selectable)]
pub struct NamedShipment {
    #[diesel(embed)]
    pub shipment: ShipmentRow,
    #[diesel(select_expression = orders::number)]
    #[diesel(select_expression_type = orders::number)]
    pub order_number: String,
    #[diesel(select_expression = partners::business_name)]
    #[diesel(select_expression_type = partners::business_name)]
    pub partner_name: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = shipment_events)]
pub struct EventRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    #[diesel(deserialize_as = StoredId)]
    pub shipment_id: String,
    pub status: ShipmentStatus,
    pub location: String,
    pub description: Option<String>,
    pub at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = temperature_readings)]
pub struct ReadingRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    #[diesel(deserialize_as = StoredId)]
    pub shipment_id: String,
    pub at: NaiveDateTime,
    pub tenths: i32,
    pub location: Option<String>,
}

crate::db::insert_fn!(insert, ShipmentRow, shipments);
crate::db::insert_fn!(add_event, EventRow, shipment_events);
super::versioned::versioned_row!(ShipmentRow, shipments);

/// Writes readings, many at once.
pub fn add_readings(conn: &mut DbConn, rows: &[ReadingRow]) -> Result<(), ApiError> {
    for chunk in rows.chunks(500) {
        super::batch_insert!(conn, temperature_readings::table, chunk)?;
    }
    Ok(())
}

/// Whether the carrier has a shipment under this tracking number already.
pub fn tracking_taken(conn: &mut DbConn, carrier: Carrier, number: &str) -> Result<bool, ApiError> {
    use diesel::dsl::{exists, select};
    Ok(select(exists(
        shipments::table
            .filter(shipments::carrier.eq(carrier))
            .filter(shipments::tracking_number.eq(number)),
    ))
    .get_result(conn)?)
}

/// One shipment with its names, if `scope` covers its account.
pub fn find_named(
    conn: &mut DbConn,
    scope: &PartnerScope,
    id: &str,
) -> Result<Option<NamedShipment>, ApiError> {
    Ok(with_order_names!(shipments, NamedShipment, scope)
        .filter(shipments::id.eq(id))
        .first(conn)
        .optional()?)
}

/// A page of the shipments `scope` covers, newest first.
pub fn list(
    conn: &mut DbConn,
    scope: &PartnerScope,
    q: &ShipmentListQuery,
    page: &PageRequest,
) -> Result<Vec<NamedShipment>, ApiError> {
    let mut query = with_order_names!(shipments, NamedShipment, scope);
    if let Some(o) = q.order_id {
        query = query.filter(shipments::order_id.eq(o.to_string()));
    }
    if let Some(s) = q.status {
        query = query.filter(shipments::status.eq(s));
    }
    Ok(keyset!(query, page, shipments::id, desc)
        .limit(page.fetch())
        .load(conn)?)
}

/// The events of `shipments`, oldest first.
pub fn events_of(conn: &mut DbConn, ids: &[String]) -> Result<Vec<EventRow>, ApiError> {
    Ok(shipment_events::table
        .filter(shipment_events::shipment_id.eq_any(ids))
        .order((shipment_events::at.asc(), shipment_events::id.asc()))
        .select(EventRow::as_select())
        .load(conn)?)
}

/// The readings of `shipments`, oldest first.
pub fn readings_of(conn: &mut DbConn, ids: &[String]) -> Result<Vec<ReadingRow>, ApiError> {
    Ok(temperature_readings::table
        .filter(temperature_readings::shipment_id.eq_any(ids))
        .order((
            temperature_readings::at.asc(),
            temperature_readings::id.asc(),
        ))
        .select(ReadingRow::as_select())
        .load(conn)?)
}
