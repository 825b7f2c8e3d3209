//! Shipments of partner orders (issue 13 §5, seed 004 `Shipment`, `TrackingEvent`): the carrier
//! and its tracking number, a status moved by tracking events (pending → picked up → in transit
//! → out for delivery → delivered, or an exception and back on the road), a temperature log for
//! frozen goods with every reading above the target plus its tolerance flagged, and the proof of
//! delivery (who signed). The rules with a number in them are here.

mod records;
#[cfg(test)]
mod tests;

pub use records::*;

use serde::{Deserialize, Serialize};

crate::wire_enum! {
    pub enum Carrier {
        Fedex = "fedex" => "FedEx",
        Ups = "ups" => "UPS",
        Usps = "usps" => "USPS",
        Xpo = "xpo" => "XPO Logistics",
        Other = "other" => "Other carrier",
    }
}

crate::wire_enum! {
    /// Where a shipment is (seed 004).
    pub enum ShipmentStatus {
        /// Booked with the carrier, not collected yet.
        Pending = "pending" => "Pending",
        PickedUp = "picked_up" => "Picked up",
        InTransit = "in_transit" => "In transit",
        OutForDelivery = "out_for_delivery" => "Out for delivery",
        /// Handed over: the proof of delivery says to whom.
        Delivered = "delivered" => "Delivered",
        /// Delayed, damaged or refused: back in transit or out for delivery once resolved.
        Exception = "exception" => "Exception",
    }
}

impl ShipmentStatus {
    /// Whether a tracking event may move a shipment from this status to `to`: forward along the
    /// road (a carrier may skip scans), into an exception from anywhere before delivery, and
    /// out of one back on the road. The same status again is a scan on the way (a new location).
    pub fn may_become(self, to: ShipmentStatus) -> bool {
        use ShipmentStatus::*;
        match (self, to) {
            (Delivered, _) => false,
            (_, Exception) => true,
            (Exception, InTransit | OutForDelivery | Delivered) => true,
            (Exception, _) => false,
            (from, to) => to.rank() >= from.rank(),
        }
    }

    const fn rank(self) -> u8 {
        use ShipmentStatus::*;
        match self {
            Pending => 0,
            PickedUp => 1,
            InTransit => 2,
            OutForDelivery => 3,
            Delivered => 4,
            Exception => 5,
        }
    }
}

/// A temperature in °F to a tenth of a degree, `"-10.5"` on the wire (exact: stored in tenths).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Fahrenheit(i32);

/// `-?[0-9]{1,3}(\.[0-9])?`: −999.9 to 999.9 °F.
pub const FAHRENHEIT_PATTERN: &str = r"^-?[0-9]{1,3}(\.[0-9])?$";

impl Fahrenheit {
    pub const fn from_tenths(tenths: i32) -> Self {
        Self(tenths)
    }

    pub const fn tenths(self) -> i32 {
        self.0
    }
}

impl TryFrom<String> for Fahrenheit {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        text.parse()
    }
}

impl std::str::FromStr for Fahrenheit {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let bad = || format!("`{text}` is not a temperature like \"-10.5\" (°F, one decimal)");
        let (negative, unsigned) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (int, frac) = match unsigned.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (unsigned, None),
        };
        let digits = |s: &str, max: usize| {
            !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(int, 3) || !frac.is_none_or(|f| digits(f, 1)) {
            return Err(bad());
        }
        let whole: i32 = int.parse().map_err(|_| bad())?;
        let tenth: i32 = frac.map_or(Ok(0), str::parse).map_err(|_| bad())?;
        let tenths = whole * 10 + tenth;
        Ok(Self(if negative { -tenths } else { tenths }))
    }
}

impl std::fmt::Display for Fahrenheit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        write!(f, "{sign}{}.{}", self.0.abs() / 10, self.0.abs() % 10)
    }
}

impl From<Fahrenheit> for String {
    fn from(t: Fahrenheit) -> String {
        t.to_string()
    }
}

/// Frozen desserts and smoothies travel at −10 °F (seed 004 `targetTemp`).
pub const DEFAULT_TARGET: Fahrenheit = Fahrenheit(-100);

/// How far above the target a reading may be before it is an excursion: 5 °F.
pub const DEFAULT_TOLERANCE: Fahrenheit = Fahrenheit(50);

/// Whether a reading is an excursion: warmer than the target plus the tolerance (for frozen
/// goods the risk is thawing; colder is never flagged).
pub fn is_excursion(reading: Fahrenheit, target: Fahrenheit, tolerance: Fahrenheit) -> bool {
    reading.0 > target.0 + tolerance.0
}
