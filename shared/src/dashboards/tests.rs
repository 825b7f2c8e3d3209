use rust_decimal::Decimal;

use super::*;
use crate::activities::ActivityOutcome;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn the_forecast_runs_the_months_pace_to_its_end() {
    // (achieved, days gone, days in month, forecast)
    let table = [
        // Seed 004: 24,900 by the 15th of a 30-day month → 49,800.
        ("24900", 15, 30, "49800.00"),
        ("1000", 1, 31, "31000.00"),
        ("1000", 31, 31, "1000.00"),
        // 100 / 3 × 31 = 1,033.333… → 1,033.33.
        ("100", 3, 31, "1033.33"),
        // 0.05 × 28 / 3 = 0.4666… → 0.47.
        ("0.05", 3, 28, "0.47"),
        ("0", 10, 30, "0.00"),
        // A day count beyond the month is the month.
        ("500", 40, 30, "500.00"),
    ];
    for (achieved, gone, days, want) in table {
        assert_eq!(
            forecast(d(achieved), gone, days, 2).to_string(),
            want,
            "{achieved} {gone}/{days}"
        );
    }
    assert_eq!(percent_1dp(d("49800"), d("50000")), Some(d("99.6")));
    assert_eq!(percent_1dp(d("1"), d("3")).unwrap().to_string(), "33.3");
    assert_eq!(percent_1dp(d("1"), d("0")), None);
}

#[test]
fn a_call_connects_unless_nobody_answered() {
    use ActivityOutcome::*;
    let table = [
        (None, None),
        (Some(NoAnswer), Some(false)),
        (Some(Voicemail), Some(false)),
        (Some(NotHome), Some(false)),
        (Some(Positive), Some(true)),
        (Some(Negative), Some(true)),
        (Some(ScheduledCallback), Some(true)),
    ];
    for (outcome, want) in table {
        assert_eq!(connected(outcome), want, "{outcome:?}");
    }
}

#[test]
fn the_best_hour_has_the_best_rate_among_hours_with_enough_calls() {
    let mut calls = [(0u32, 0u32); 24];
    calls[9] = (10, 4); // 40%
    calls[11] = (5, 3); // 60%
    calls[14] = (2, 2); // 100%, too few calls
    calls[16] = (10, 6); // 60%, more calls than 11:00
    let best = best_hour(&calls).unwrap();
    assert_eq!((best.hour, best.calls), (16, 10));
    assert_eq!(best.connect_rate.to_string(), "60.0");
    calls[16] = (5, 3); // the same as 11:00: the earlier hour
    assert_eq!(best_hour(&calls).unwrap().hour, 11);
    calls[10] = (3, 2); // 66.7%
    let best = best_hour(&calls).unwrap();
    assert_eq!(
        (best.hour, best.connect_rate.to_string().as_str()),
        (10, "66.7")
    );
    assert_eq!(best_hour(&[(2, 2); 24]), None);
}

#[test]
fn busiest_and_quietest_weekdays() {
    let table = [
        ([0, 0, 0, 0, 0, 0, 0], None),
        ([3, 9, 4, 9, 2, 0, 1], Some((1, 5))),
        ([5, 5, 5, 5, 5, 5, 5], Some((0, 0))),
        ([0, 0, 0, 0, 0, 0, 1], Some((6, 0))),
    ];
    for (days, want) in table {
        assert_eq!(busiest_and_quietest(&days), want, "{days:?}");
    }
}

#[test]
fn funnel_conversions_and_cycle_time() {
    let got = conversions(&[40, 20, 5, 0, 0]);
    let want = [Some("50.0"), Some("25.0"), Some("0.0"), None, None];
    for (g, w) in got.iter().zip(want) {
        assert_eq!(g.map(|v| v.to_string()), w.map(str::to_owned));
    }
    assert_eq!(
        conversions(&[3, 1])
            .first()
            .cloned()
            .flatten()
            .unwrap()
            .to_string(),
        "33.3"
    );
    // 3 deals over 1, 2 and 4.5 days: 7.5 / 3 = 2.5.
    assert_eq!(
        mean_days(86_400 * 7 + 43_200, 3).unwrap().to_string(),
        "2.5"
    );
    assert_eq!(mean_days(100, 0), None);
}
