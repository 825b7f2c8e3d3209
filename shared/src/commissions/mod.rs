//! Commission maths (seed 000 "Commission System", F4, F5; seed 003 CMR-001..006): pure functions
//! over plain inputs, so the server pays and the browser previews the same cents (DESIGN.md §3).
//!
//! - [`plan`]: a compensation plan's rules, with the defaults the seeds give.
//! - [`rules`]: one function per rule — new business (percentage, fixed, tiered marginal or
//!   retroactive), residual tier, upsell, eligibility, clawback, true-up, team bonus, override,
//!   cap. Each returns the line's amount, rounded once, with its explanation.
//! - [`month`]: a rep's month from its events, in the monthly close's order; what
//!   `POST /commissions/simulate` answers and the what-if simulator shows.
//!
//! Times here are the organisation's local times: the caller converts instants with the
//! organisation's time zone first, so periods and day counts are by local calendar date.

pub mod close;
pub mod month;
pub mod plan;
pub mod rules;
pub mod text;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// What a ledger line pays for.
    pub enum LineType {
        NewBusiness = "new_business" => "New business",
        Residual = "residual" => "Residual",
        Upsell = "upsell" => "Upsell",
        /// A share of a paid partner order's subtotal, for the partner's rep (seed 004).
        PartnerOrder = "partner_order" => "Partner order",
        /// A fixed bonus when a won B2B lead becomes an active partner (seed 004).
        NewPartner = "new_partner" => "New partner",
        TrueUp = "true_up" => "Tier true-up",
        TeamBonus = "team_bonus" => "Team bonus",
        Override = "override" => "Manager override",
        Cap = "cap" => "Cap",
        Clawback = "clawback" => "Clawback",
        Adjustment = "adjustment" => "Adjustment",
    }
}

impl LineType {
    /// Lines a manager's override is a share of (not team bonuses, overrides or caps).
    pub const fn counts_for_override(self) -> bool {
        !matches!(self, Self::TeamBonus | Self::Override | Self::Cap)
    }
}

crate::wire_enum! {
    /// Where a line stands; the latest entry of its status history.
    pub enum LineStatus {
        Pending = "pending" => "Pending",
        Earned = "earned" => "Earned",
        Approved = "approved" => "Approved",
        Paid = "paid" => "Paid",
        Voided = "voided" => "Voided",
        ClawedBack = "clawed_back" => "Clawed back",
        Disputed = "disputed" => "Disputed",
    }
}

impl LineStatus {
    /// A voided line pays nothing and counts for nothing.
    pub const fn pays(self) -> bool {
        !matches!(self, Self::Voided)
    }
}

/// A calendar month, `YYYY-MM` on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Period {
    year: i32,
    month: u32,
}

/// `YYYY-MM`.
pub const PERIOD_PATTERN: &str = "^[0-9]{4}-(0[1-9]|1[0-2])$";

impl Period {
    pub fn new(year: i32, month: u32) -> Option<Self> {
        ((1..=12).contains(&month) && (0..=9999).contains(&year)).then_some(Self { year, month })
    }

    /// The month a local date falls in.
    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn next(self) -> Self {
        if self.month == 12 {
            Self {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Self {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn previous(self) -> Self {
        if self.month == 1 {
            Self {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Self {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// The day after the month's last day.
    pub fn end(self) -> NaiveDate {
        self.next().first_day()
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl std::str::FromStr for Period {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not a month (YYYY-MM)");
        let (y, m) = s.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(bad());
        }
        let year = y.parse().map_err(|_| bad())?;
        let month = m.parse().map_err(|_| bad())?;
        Self::new(year, month).ok_or_else(bad)
    }
}

impl TryFrom<String> for Period {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        s.parse()
    }
}

impl From<Period> for String {
    fn from(p: Period) -> String {
        p.to_string()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Period {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::SchemaType::Type(
                utoipa::openapi::schema::Type::String,
            ))
            .pattern(Some(PERIOD_PATTERN))
            .description(Some(
                "A calendar month in the organisation's time zone, `YYYY-MM`",
            ))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Period {}

/// One piece of a line's sum: `base × rate` (or a fixed amount when `rate` is absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExplanationPart {
    /// What this piece is, e.g. "band from 100% of quota" or "tier: 2nd close this month".
    pub label: String,
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub base: Decimal,
    #[serde(with = "rust_decimal::serde::str_option", default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub rate: Option<Decimal>,
    /// `base × rate`, unrounded.
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub amount: Decimal,
}

/// How a line's amount was made: the rule, its inputs, the pieces, and the one rounding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Explanation {
    pub rule: LineType,
    /// One sentence a rep can read.
    pub summary: String,
    pub parts: Vec<ExplanationPart>,
    /// The sum of the parts before rounding.
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub unrounded: Decimal,
    /// Rounded once to the currency's minor unit, half away from zero: the line's amount.
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub amount: Decimal,
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod period_tests {
    use super::*;

    #[test]
    fn periods_read_and_step_across_years() {
        let table: &[(&str, Result<(i32, u32), ()>)] = &[
            ("2026-01", Ok((2026, 1))),
            ("2026-12", Ok((2026, 12))),
            ("2026-13", Err(())),
            ("2026-00", Err(())),
            ("2026-1", Err(())),
            ("26-01", Err(())),
            ("2026/01", Err(())),
            ("", Err(())),
        ];
        for (text, want) in table {
            let got = text
                .parse::<Period>()
                .map(|p| (p.year(), p.month()))
                .map_err(|_| ());
            assert_eq!(got, *want, "{text}");
        }
        let dec: Period = "2026-12".parse().unwrap();
        assert_eq!(dec.next().to_string(), "2027-01");
        assert_eq!(dec.next().previous(), dec);
        assert_eq!(dec.end(), NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
        assert_eq!(
            Period::of(NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()).to_string(),
            "2026-02"
        );
    }
}
