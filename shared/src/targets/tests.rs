use chrono::{NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn periods_hold_their_day() {
    use TargetPeriod::*;
    // (period, day, first weekday, expected [start, end))
    let table = [
        (
            Daily,
            d(2026, 12, 31),
            Weekday::Monday,
            (d(2026, 12, 31), d(2027, 1, 1)),
        ),
        // 2026-11-28 is a Saturday.
        (
            Weekly,
            d(2026, 11, 28),
            Weekday::Monday,
            (d(2026, 11, 23), d(2026, 11, 30)),
        ),
        (
            Weekly,
            d(2026, 11, 28),
            Weekday::Sunday,
            (d(2026, 11, 22), d(2026, 11, 29)),
        ),
        (
            Weekly,
            d(2026, 11, 28),
            Weekday::Saturday,
            (d(2026, 11, 28), d(2026, 12, 5)),
        ),
        (
            Weekly,
            d(2026, 11, 30),
            Weekday::Monday,
            (d(2026, 11, 30), d(2026, 12, 7)),
        ),
        // Across the year: 2027-01-01 is a Friday.
        (
            Weekly,
            d(2027, 1, 1),
            Weekday::Monday,
            (d(2026, 12, 28), d(2027, 1, 4)),
        ),
        (
            Monthly,
            d(2026, 12, 15),
            Weekday::Monday,
            (d(2026, 12, 1), d(2027, 1, 1)),
        ),
        (
            Monthly,
            d(2028, 2, 29),
            Weekday::Monday,
            (d(2028, 2, 1), d(2028, 3, 1)),
        ),
        (
            Quarterly,
            d(2026, 11, 28),
            Weekday::Monday,
            (d(2026, 10, 1), d(2027, 1, 1)),
        ),
        (
            Quarterly,
            d(2027, 1, 1),
            Weekday::Monday,
            (d(2027, 1, 1), d(2027, 4, 1)),
        ),
        (
            Quarterly,
            d(2027, 6, 30),
            Weekday::Monday,
            (d(2027, 4, 1), d(2027, 7, 1)),
        ),
    ];
    for (period, day, first, want) in table {
        assert_eq!(
            period_days(period, day, first),
            want,
            "{period} of {day} from {first}"
        );
    }
}

#[test]
fn a_week_across_daylight_saving_is_its_local_midnights() {
    let ny = chrono_tz::America::New_York;
    // Spring forward on 2026-03-08: the week from Monday 2 March is an hour short.
    let (start, end) = period_bounds(&ny, TargetPeriod::Weekly, d(2026, 3, 4), Weekday::Monday);
    assert_eq!(start, Utc.with_ymd_and_hms(2026, 3, 2, 5, 0, 0).unwrap());
    assert_eq!(end, Utc.with_ymd_and_hms(2026, 3, 9, 4, 0, 0).unwrap());
    assert_eq!((end - start).num_hours(), 167);
    // Fall back on 2026-11-01: the week from Monday 26 October is an hour long.
    let (start, end) = period_bounds(&ny, TargetPeriod::Weekly, d(2026, 10, 30), Weekday::Monday);
    assert_eq!((end - start).num_hours(), 169);
    // A year boundary in a zone ahead of UTC: 2027 starts on 31 December at 15:00 UTC in Tokyo.
    let tokyo = chrono_tz::Asia::Tokyo;
    let (start, _) = period_bounds(
        &tokyo,
        TargetPeriod::Quarterly,
        d(2027, 2, 1),
        Weekday::Monday,
    );
    assert_eq!(start, Utc.with_ymd_and_hms(2026, 12, 31, 15, 0, 0).unwrap());
}

#[test]
fn a_midnight_the_clocks_skip_starts_at_the_first_instant_there_is() {
    // Chile springs forward at midnight: 2026-09-06 00:00 does not exist in Santiago.
    let santiago = chrono_tz::America::Santiago;
    let start = day_start(&santiago, d(2026, 9, 6));
    let local = start.with_timezone(&santiago);
    assert_eq!(local.date_naive(), d(2026, 9, 6));
    assert_eq!(local.format("%H:%M").to_string(), "01:00");
    // A day with a midnight is its midnight.
    let plain = day_start(&santiago, d(2026, 9, 7));
    assert_eq!(
        plain.with_timezone(&santiago).format("%H:%M").to_string(),
        "00:00"
    );
}

#[test]
fn percent_of_quota_has_two_decimals() {
    let dec = |s: &str| s.parse::<Decimal>().unwrap();
    let table = [
        ("49800", "50000", Some("99.60")),
        ("0", "50000", Some("0.00")),
        ("2", "4", Some("50.00")),
        ("1", "3", Some("33.33")),
        ("2", "3", Some("66.67")),
        ("1", "8", Some("12.50")),
        ("1", "0.008", Some("12500.00")),
        ("5", "0", None),
    ];
    for (achieved, target, want) in table {
        assert_eq!(
            percent_of(dec(achieved), dec(target)).map(|p| p.to_string()),
            want.map(str::to_owned),
            "{achieved} of {target}"
        );
    }
}

#[test]
fn status_turns_at_the_end_of_the_period() {
    use TargetStatus::*;
    let end = Utc.with_ymd_and_hms(2026, 12, 1, 5, 0, 0).unwrap();
    let before = end - chrono::Duration::seconds(1);
    let (ten, nine) = (Decimal::from(10), Decimal::from(9));
    // (cancelled, achieved, target, now, status)
    let table = [
        (false, nine, ten, before, Active),
        (false, ten, ten, before, Active),
        (false, ten, ten, end, Achieved),
        (false, nine, ten, end, Missed),
        (true, ten, ten, end, Cancelled),
        (true, nine, ten, before, Cancelled),
    ];
    for (cancelled, achieved, target, now, want) in table {
        assert_eq!(
            status_at(cancelled, achieved, target, end, now),
            want,
            "{achieved}/{target} at {now}"
        );
    }
}

#[test]
fn achieved_values_per_metric() {
    use super::{Tally, TargetMetric as M, achieved};
    let t = |sum, count| Tally { sum, count };
    let table = [
        (M::Revenue, t(1_234_567, 3), 2, "12345.67"),
        (M::Revenue, t(0, 0), 2, "0.00"),
        (M::Revenue, t(5_000, 1), 0, "5000"),
        (M::DealsClosed, t(7, 7), 2, "7"),
        (M::LeadsContacted, t(12, 12), 2, "12"),
        // 2 won of 3 closed: 66.666… → 66.67.
        (M::ConversionRate, t(2, 3), 2, "66.67"),
        (M::ConversionRate, t(1, 8), 2, "12.50"),
        (M::ConversionRate, t(0, 0), 2, "0.00"),
        // Scores 5, 4, 4: 13 / 3 = 4.333… → 4.33; 5 and 4: 4.5.
        (M::CustomerSatisfaction, t(13, 3), 2, "4.33"),
        (M::CustomerSatisfaction, t(9, 2), 2, "4.50"),
        (M::CustomerSatisfaction, t(0, 0), 2, "0.00"),
    ];
    for (metric, tally, digits, want) in table {
        let got = achieved(metric, tally, digits);
        assert_eq!(got.to_string(), want, "{metric:?} {tally:?}");
    }
}

#[test]
fn target_values_fit_their_metric() {
    use super::{TargetMetric as M, check_value};
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    let table = [
        (M::Revenue, "50000", true),
        (M::Revenue, "49999.99", true),
        (M::Revenue, "0.001", false),
        (M::Revenue, "0", false),
        (M::Revenue, "-5", false),
        (M::DealsClosed, "4", true),
        (M::DealsClosed, "4.0", true),
        (M::DealsClosed, "4.5", false),
        (M::ConversionRate, "100", true),
        (M::ConversionRate, "100.01", false),
        (M::ConversionRate, "27.5", true),
        (M::CustomerSatisfaction, "4.5", true),
        (M::CustomerSatisfaction, "0.5", false),
        (M::CustomerSatisfaction, "5.1", false),
    ];
    for (metric, value, ok) in table {
        assert_eq!(
            check_value(metric, d(value), 2).is_ok(),
            ok,
            "{metric:?} {value}"
        );
    }
}

#[test]
fn any_representable_day_has_a_period() {
    use super::{TargetPeriod as P, period_bounds};
    for day in [NaiveDate::MIN, NaiveDate::MAX] {
        for period in P::ALL {
            for week_start in Weekday::ALL {
                let (start, end) = period_bounds(&Utc, *period, day, *week_start);
                assert!(start <= end, "{day} {period:?}");
            }
        }
    }
}
