//! "My Territory" (seed 000 F3, F6): what a rep's territories hold, how much of it it has won,
//! and its production against the organisation's threshold.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::TerritorySummary;

crate::wire_enum! {
    /// Production over the rolling 90 days, as closes per month (seed 000 F6).
    pub enum ProductionStatus {
        Green = "green" => "On pace",
        Yellow = "yellow" => "At risk",
        Red = "red" => "Below minimum",
    }
}

/// The production threshold, in closes per month (settings; seed 000 F6: green ≥ 3, yellow 2–3,
/// red below 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, garde::Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProductionThresholds {
    /// At or above this, green.
    #[garde(range(min = 1, max = 100))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100))]
    pub green_per_month: u32,
    /// At or above this (and below green), yellow; below, red. Not above `green_per_month`.
    #[garde(range(max = 100))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100))]
    pub yellow_per_month: u32,
}

impl Default for ProductionThresholds {
    fn default() -> Self {
        Self {
            green_per_month: 3,
            yellow_per_month: 2,
        }
    }
}

impl ProductionThresholds {
    /// The status of `closes` over 90 days: their monthly average (closes / 3) against the
    /// lines, compared exactly (closes against three times each line).
    pub fn status(&self, closes_90_days: u32) -> ProductionStatus {
        if closes_90_days >= 3 * self.green_per_month {
            ProductionStatus::Green
        } else if closes_90_days >= 3 * self.yellow_per_month {
            ProductionStatus::Yellow
        } else {
            ProductionStatus::Red
        }
    }

    /// The allocation engine's performance score: closes against the green line, 0–100.
    pub fn score(&self, closes_90_days: u32) -> u32 {
        let green = 3 * self.green_per_month.max(1);
        (closes_90_days.min(green) * 100) / green
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Production {
    pub closes_90_days: u32,
    /// closes_90_days / 3, two decimals (cut, not rounded).
    #[serde(with = "rust_decimal::serde::float")]
    #[cfg_attr(feature = "openapi", schema(value_type = f64))]
    pub monthly_average: Decimal,
    pub status: ProductionStatus,
    pub thresholds: ProductionThresholds,
}

impl Production {
    pub fn of(closes_90_days: u32, thresholds: ProductionThresholds) -> Self {
        Production {
            closes_90_days,
            monthly_average: Decimal::new(i64::from(closes_90_days * 100 / 3), 2),
            status: thresholds.status(closes_90_days),
            thresholds,
        }
    }
}

/// The caller's territories and what they hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyTerritory {
    /// Territories the caller owns or contributes to, primary first; empty when it has none.
    pub territories: Vec<TerritorySummary>,
    /// Leads lying in them or in a territory within them.
    pub addressable: u32,
    /// Of those, held by a rep.
    pub claimed: u32,
    /// Open and held by nobody: the caller can claim them.
    pub available: u32,
    /// Won.
    pub won_clients: u32,
    /// won_clients / addressable, in percent, one decimal (0 with nothing addressable).
    #[serde(with = "rust_decimal::serde::float")]
    #[cfg_attr(feature = "openapi", schema(value_type = f64))]
    pub penetration_percent: Decimal,
    /// The caller's own closes.
    pub production: Production,
}

/// won / addressable in percent, one decimal, half up.
pub fn penetration_percent(won: u32, addressable: u32) -> Decimal {
    if addressable == 0 {
        return Decimal::new(0, 1);
    }
    let tenths = (u64::from(won) * 2000 + u64::from(addressable)) / (u64::from(addressable) * 2);
    Decimal::new(i64::try_from(tenths).unwrap_or(i64::MAX), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn production_status_by_closes_over_ninety_days() {
        let seed = ProductionThresholds::default();
        let table = [
            (0, ProductionStatus::Red),
            (5, ProductionStatus::Red),    // 1.67 a month
            (6, ProductionStatus::Yellow), // 2.0
            (8, ProductionStatus::Yellow), // 2.67
            (9, ProductionStatus::Green),  // 3.0
            (30, ProductionStatus::Green),
        ];
        for (closes, want) in table {
            assert_eq!(seed.status(closes), want, "{closes} closes");
        }
        let strict = ProductionThresholds {
            green_per_month: 5,
            yellow_per_month: 5,
        };
        assert_eq!(strict.status(14), ProductionStatus::Red);
        assert_eq!(strict.status(15), ProductionStatus::Green);
    }

    #[test]
    fn the_score_reaches_one_hundred_at_the_green_line() {
        let seed = ProductionThresholds::default();
        let table = [(0, 0), (3, 33), (6, 66), (8, 88), (9, 100), (40, 100)];
        for (closes, want) in table {
            assert_eq!(seed.score(closes), want, "{closes} closes");
        }
    }

    #[test]
    fn monthly_average_has_two_decimals() {
        let table = [
            (0, "0.00"),
            (1, "0.33"),
            (2, "0.66"),
            (6, "2.00"),
            (8, "2.66"),
        ];
        for (closes, want) in table {
            assert_eq!(
                Production::of(closes, ProductionThresholds::default()).monthly_average,
                want.parse::<Decimal>().unwrap()
            );
        }
    }

    #[test]
    fn penetration_in_tenths_half_up() {
        let table = [
            (0, 0, "0.0"),
            (0, 10, "0.0"),
            (1, 3, "33.3"),
            (2, 3, "66.7"),
            (1, 8, "12.5"),
            (1, 16, "6.3"), // 6.25 → 6.3
            (5, 5, "100.0"),
        ];
        for (won, addressable, want) in table {
            assert_eq!(
                penetration_percent(won, addressable),
                want.parse::<Decimal>().unwrap(),
                "{won}/{addressable}"
            );
        }
    }
}
