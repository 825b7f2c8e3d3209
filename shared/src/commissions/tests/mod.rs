//! The rules with hand-computed cents, a month's simulation, and properties over random months.

mod close;
mod month;
mod properties;
mod rules;

use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;

use super::plan::{Band, BandMode, NewBusinessRule};

pub(super) fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

pub(super) fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

pub(super) fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub(super) fn tiered(mode: BandMode) -> NewBusinessRule {
    // Seed 004: 5% base, 10% once the month reaches quota.
    NewBusinessRule::Tiered {
        mode,
        bands: vec![
            Band {
                from_percent: d("0"),
                rate: d("0.05"),
            },
            Band {
                from_percent: d("100"),
                rate: d("0.10"),
            },
        ],
    }
}
