//! Shipments as the API shows them, and the requests that book, track and log them.

use chrono::{DateTime, Utc};
use garde::Validate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Carrier, Fahrenheit, ShipmentStatus};
use crate::validate::{self, NAME_MAX};

/// One scan or status change of a shipment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrackingEvent {
    pub status: ShipmentStatus,
    pub location: String,
    pub description: Option<String>,
    pub at: DateTime<Utc>,
}

/// One reading of the temperature log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TemperatureReading {
    pub at: DateTime<Utc>,
    /// °F.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "-9.5"))]
    pub temperature: Fahrenheit,
    pub location: Option<String>,
    /// Warmer than the target plus the tolerance.
    pub excursion: bool,
}

/// A shipment of an order, with its tracking timeline and temperature log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Shipment {
    pub id: Uuid,
    pub order_id: Uuid,
    pub order_number: String,
    pub partner_id: Uuid,
    pub partner_name: String,
    pub carrier: Carrier,
    pub service: Option<String>,
    pub tracking_number: String,
    pub status: ShipmentStatus,
    /// Where the last scan was.
    pub current_location: Option<String>,
    pub estimated_delivery: Option<DateTime<Utc>>,
    pub packages: u32,
    pub delivered_at: Option<DateTime<Utc>>,
    /// Proof of delivery: who signed for it.
    pub signed_by: Option<String>,
    pub temperature_controlled: bool,
    /// °F.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "-10.0"))]
    pub target_temperature: Fahrenheit,
    /// °F above the target before a reading is an excursion.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "5.0"))]
    pub tolerance: Fahrenheit,
    /// Oldest first.
    pub events: Vec<TrackingEvent>,
    /// Oldest first.
    pub readings: Vec<TemperatureReading>,
    /// How many readings are excursions.
    pub excursions: u32,
    /// For a tracking event (`If-Match`).
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Book a shipment of an order with a carrier (the back office).
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateShipmentRequest {
    #[garde(skip)]
    pub carrier: Carrier,
    /// "Ground", "2-Day", "Overnight", …
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 100), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 100, pattern = r"\S")
    )]
    pub service: Option<String>,
    /// Unique per carrier.
    #[garde(length(chars, min = 1, max = 64), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 64, pattern = r"\S")
    )]
    pub tracking_number: String,
    /// 1–1,000 (default 1).
    #[serde(default)]
    #[garde(inner(range(min = 1, max = 1000)))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1000))]
    pub packages: Option<u32>,
    /// Default true: the catalogue is frozen.
    #[serde(default)]
    #[garde(skip)]
    pub temperature_controlled: Option<bool>,
    /// °F, default `"-10.0"`.
    #[serde(default)]
    #[garde(skip)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = r"^-?[0-9]{1,3}(\.[0-9])?$"))]
    pub target_temperature: Option<Fahrenheit>,
    /// °F above the target, not negative, default `"5.0"`.
    #[serde(default)]
    #[garde(custom(not_negative))]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = r"^[0-9]{1,3}(\.[0-9])?$"))]
    pub tolerance: Option<Fahrenheit>,
    #[serde(default)]
    #[garde(skip)]
    pub estimated_delivery: Option<DateTime<Utc>>,
}

fn not_negative(t: &Option<Fahrenheit>, _: &()) -> garde::Result {
    match t {
        Some(t) if t.tenths() < 0 => Err(garde::Error::new("must not be negative")),
        _ => Ok(()),
    }
}

/// A tracking event: the carrier's scan (a service token) or the back office's entry. It moves
/// the shipment's status; delivering names who signed (the proof of delivery).
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TrackingEventRequest {
    #[garde(skip)]
    pub status: ShipmentStatus,
    #[garde(length(chars, min = 1, max = NAME_MAX), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub location: String,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 2000), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 2000, pattern = r"\S")
    )]
    pub description: Option<String>,
    /// When it happened (default now; not in the future, not before the last event).
    #[serde(default)]
    #[garde(skip)]
    pub at: Option<DateTime<Utc>>,
    /// Required when delivered: who signed for it.
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = NAME_MAX), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub signed_by: Option<String>,
    #[serde(default)]
    #[garde(skip)]
    pub version: Option<i64>,
}

/// One reading sent to the temperature log.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReadingInput {
    /// Not in the future.
    #[garde(skip)]
    pub at: DateTime<Utc>,
    /// °F.
    #[garde(skip)]
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = r"^-?[0-9]{1,3}(\.[0-9])?$"))]
    pub temperature: Fahrenheit,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = NAME_MAX), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub location: Option<String>,
}

/// Readings of a temperature-controlled shipment's logger.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TemperatureLogRequest {
    /// 1–500 readings.
    #[garde(length(min = 1, max = 500), dive)]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 500))]
    pub readings: Vec<ReadingInput>,
}

/// Which shipments to list, newest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ShipmentListQuery {
    pub order_id: Option<Uuid>,
    pub status: Option<ShipmentStatus>,
    /// Page size, 1–200 (default 50).
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}
