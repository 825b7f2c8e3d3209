//! Organisation-wide settings (DESIGN.md): one record, each value with a documented default.

use chrono::{DateTime, Utc};
use garde::Validate;
use serde::{Deserialize, Serialize};

use crate::validate;

crate::wire_enum! {
    pub enum Weekday {
        Monday = "monday" => "Monday",
        Sunday = "sunday" => "Sunday",
        Saturday = "saturday" => "Saturday",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Settings {
    /// Default "Closebook".
    pub org_name: String,
    /// ISO 4217 currency for amounts that do not name one. Default USD.
    pub currency: String,
    /// IANA time zone for organisation-wide days and weeks. Default UTC.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::tz::TimeZoneName))]
    pub time_zone: String,
    /// Default monday.
    pub week_start: Weekday,
    /// Whether leads may come from cold sources (`source_type` cold, or a cold call, door knock
    /// or email campaign). Default true; seed 001's operators switch it off.
    pub cold_outreach_allowed: bool,
    /// Whether a billing webhook secret is set (`POST /billing/events` refuses every delivery
    /// until one is). The secret itself is never shown.
    pub billing_webhook_configured: bool,
    /// Commission lines above this amount are flagged in finance's approval queue; none flags
    /// none.
    pub approval_threshold: Option<crate::Money>,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateSettingsRequest {
    #[serde(default)]
    #[garde(skip)]
    pub version: Option<i64>,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = validate::NAME_MAX), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub org_name: Option<String>,
    /// ISO 4217 code, e.g. EUR.
    #[serde(default)]
    #[garde(inner(length(chars, min = 3, max = 3)))]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::money::CurrencyCode>))]
    pub currency: Option<String>,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 64)))]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::tz::TimeZoneName>))]
    pub time_zone: Option<String>,
    #[serde(default)]
    #[garde(skip)]
    pub week_start: Option<Weekday>,
    #[serde(default)]
    #[garde(skip)]
    pub cold_outreach_allowed: Option<bool>,
    /// The shared secret billing systems sign `POST /billing/events` with: 16 to 200 visible
    /// ASCII characters; replaces the one set before.
    #[serde(default)]
    #[garde(inner(length(chars, min = 16, max = 200), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 16, max_length = 200, pattern = r"^[!-~]+$")
    )]
    pub billing_webhook_secret: Option<String>,
    /// In the organisation's currency.
    #[serde(default)]
    #[garde(inner(custom(|m: &crate::Money, _: &()| validate::money(m))))]
    pub approval_threshold: Option<crate::Money>,
}
