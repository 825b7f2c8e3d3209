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
    /// Lead allocation (seed 003 §6.1).
    pub allocation: crate::allocation::AllocationRules,
    /// The production threshold of "My Territory" (seed 000 F6).
    pub production: crate::territories::ProductionThresholds,
    /// The territory map's tile server (`{z}`, `{x}`, `{y}` in the URL); `null`: the shapes
    /// draw on a plain background.
    pub map_tile_url: Option<String>,
    /// The weekly targets of the Sales Leak report and the over-focus warning (seed 001 §3.5).
    pub leak_targets: crate::analytics::LeakTargets,
    /// Each partner tier's discount off MSRP (seed 004: 25 / 35 / 40%).
    pub partner_tiers: crate::partners::PartnerTiers,
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
    /// Replaces the allocation rules whole.
    #[serde(default)]
    #[garde(dive)]
    pub allocation: Option<crate::allocation::AllocationRules>,
    /// Replaces the thresholds whole; yellow not above green.
    #[serde(default)]
    #[garde(dive)]
    pub production: Option<crate::territories::ProductionThresholds>,
    /// An http(s) URL with `{z}`, `{x}` and `{y}`; `null` removes it.
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[garde(inner(inner(length(chars, min = 1, max = 500), custom(tile_url))))]
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 500,
            pattern = r"^https?://[!-~]*\{z\}[!-~]*\{x\}[!-~]*\{y\}[!-~]*$"
        )
    )]
    pub map_tile_url: Option<Option<String>>,
    /// Replaces the leak targets whole.
    #[serde(default)]
    #[garde(dive)]
    pub leak_targets: Option<crate::analytics::LeakTargets>,
    /// Replaces the tiers' discounts whole.
    #[serde(default)]
    #[garde(dive)]
    pub partner_tiers: Option<crate::partners::PartnerTiers>,
}

/// An http(s) URL of visible ASCII naming the tile's `{z}`, `{x}` and `{y}`, in that order (the
/// slippy-map convention; the contract's pattern states the same).
pub fn tile_url<T: AsRef<str>>(value: &T, _ctx: &()) -> garde::Result {
    let v = value.as_ref();
    let rest = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"));
    let in_order = rest.is_some_and(|mut rest| {
        ["{z}", "{x}", "{y}"].iter().all(|p| match rest.find(p) {
            Some(at) => {
                rest = &rest[at + p.len()..];
                true
            }
            None => false,
        })
    });
    if in_order && v.chars().all(|c| c.is_ascii_graphic()) {
        Ok(())
    } else {
        Err(garde::Error::new(
            "must be an http(s) URL of visible ASCII with {z}, {x} and {y}, in that order",
        ))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tile_urls() {
        let table = [
            ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", true),
            ("http://tiles.local:8080/{z}/{x}/{y}@2x.png?key=a", true),
            ("https://tiles/{x}/{y}/{z}.png", false),
            ("https://tiles/{z}/{x}.png", false),
            ("ftp://tiles/{z}/{x}/{y}.png", false),
            ("https://tiles/{z}/{x}/{y} .png", false),
            ("https://tiles/{z}/{x}/{y}/é.png", false),
        ];
        for (url, ok) in table {
            assert_eq!(super::tile_url(&url, &()).is_ok(), ok, "{url}");
        }
    }
}
