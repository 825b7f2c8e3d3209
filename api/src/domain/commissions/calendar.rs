//! The organisation's calendar: periods and day counts are by local date in the time zone of
//! the settings (UTC by default), whatever zone the server runs in.

use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use closebook_shared::commissions::Period;

use crate::db::{DbConn, settings};
use crate::error::ApiError;

/// The organisation's time zone; a stored name that no longer parses is an error, not UTC.
pub fn zone(conn: &mut DbConn) -> Result<Tz, ApiError> {
    settings::get(conn)?.zone()
}

/// The local date and time of a UTC instant.
pub fn local(zone: Tz, utc: NaiveDateTime) -> NaiveDateTime {
    zone.from_utc_datetime(&utc).naive_local()
}

/// The local date of a UTC instant.
pub fn local_date(zone: Tz, utc: NaiveDateTime) -> NaiveDate {
    local(zone, utc).date()
}

/// The UTC instants a local period spans: from its first local midnight to the next period's.
pub fn utc_bounds(zone: Tz, period: Period) -> (NaiveDateTime, NaiveDateTime) {
    let at = |d: NaiveDate| {
        let local = d.and_hms_opt(0, 0, 0).unwrap_or_default();
        zone.from_local_datetime(&local)
            .earliest()
            .map_or(local, |t| t.naive_utc())
    };
    (at(period.first_day()), at(period.end()))
}

/// The period a UTC instant falls in.
pub fn period_of(zone: Tz, utc: NaiveDateTime) -> Period {
    Period::of(local_date(zone, utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_follow_the_organisations_calendar() {
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        // (zone, UTC instant, period)
        let table = [
            ("UTC", "2026-12-31 23:30", "2026-12"),
            ("UTC", "2027-01-01 00:00", "2027-01"),
            // New York is 5 hours behind in winter: 03:30 UTC on 1 Jan is still 31 Dec there.
            ("America/New_York", "2027-01-01 03:30", "2026-12"),
            ("America/New_York", "2027-01-01 05:00", "2027-01"),
            // Tokyo is 9 hours ahead: 16:00 UTC on 31 Jan is 1 Feb there.
            ("Asia/Tokyo", "2026-01-31 16:00", "2026-02"),
            ("Asia/Tokyo", "2026-01-31 14:59", "2026-01"),
        ];
        for (zone, utc, period) in table {
            let tz: Tz = zone.parse().unwrap();
            assert_eq!(period_of(tz, at(utc)).to_string(), period, "{zone} {utc}");
        }
    }
}
