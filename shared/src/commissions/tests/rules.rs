//! One rule at a time, with hand-computed cents.

use rust_decimal::Decimal;

use super::{at, d, day, tiered};
use crate::commissions::plan::{BandMode, NewBusinessRule, PlanRules};
use crate::commissions::rules::{self, Refund};
use crate::commissions::{LineStatus, LineType};

#[test]
fn new_business_by_rule() {
    // (rule, quota, won before, deal value, amount)
    let pct = |r: &str| NewBusinessRule::Percentage { rate: d(r) };
    let table: Vec<(NewBusinessRule, Option<&str>, &str, &str, &str)> = vec![
        (pct("0.05"), None, "0", "12345.67", "617.28"), // 617.2835
        (pct("0.05"), None, "0", "0.10", "0.01"),       // 0.005: half away from zero
        (pct("0.05"), None, "0", "0.09", "0.00"),       // 0.0045
        (pct("0.075"), None, "0", "1000", "75.00"),
        (
            NewBusinessRule::Fixed { amount: d("150") },
            None,
            "0",
            "99999",
            "150.00",
        ),
        // Marginal bands, quota 10,000: 0–10,000 at 5%, above at 10%.
        (
            tiered(BandMode::Marginal),
            Some("10000"),
            "0",
            "6000",
            "300.00",
        ),
        (
            tiered(BandMode::Marginal),
            Some("10000"),
            "6000",
            "6000",
            "400.00",
        ), // 4,000×5% + 2,000×10%
        (
            tiered(BandMode::Marginal),
            Some("10000"),
            "12000",
            "1000",
            "100.00",
        ),
        (
            tiered(BandMode::Marginal),
            Some("10000"),
            "0",
            "10000",
            "500.00",
        ), // up to the edge: all 5%
        (
            tiered(BandMode::Marginal),
            Some("10000"),
            "10000",
            "0.05",
            "0.01",
        ), // 0.005 at 10%
        (
            tiered(BandMode::Marginal),
            Some("10000"),
            "9999.99",
            "0.02",
            "0.00",
        ), // 0.0005 + 0.001
        // No quota: only the first band is reachable.
        (tiered(BandMode::Marginal), None, "50000", "1000", "50.00"),
        (
            tiered(BandMode::Marginal),
            Some("0"),
            "50000",
            "1000",
            "50.00",
        ),
        // Retroactive plans write at the marginal rate as deals close.
        (
            tiered(BandMode::Retroactive),
            Some("10000"),
            "6000",
            "6000",
            "400.00",
        ),
    ];
    for (rule, quota, before, value, want) in table {
        let e = rules::new_business(&rule, quota.map(d), d(before), d(value), 2);
        assert_eq!(
            e.amount,
            d(want),
            "{rule:?} quota {quota:?} before {before} value {value}"
        );
        let parts: Decimal = e.parts.iter().map(|p| p.amount).sum();
        assert_eq!(parts, e.unrounded, "the parts add up to the unrounded sum");
    }
}

#[test]
fn a_deal_across_the_quota_edge_is_split_in_the_explanation() {
    let e = rules::new_business(
        &tiered(BandMode::Marginal),
        Some(d("10000")),
        d("6000"),
        d("6000"),
        2,
    );
    let parts: Vec<(Decimal, Option<Decimal>)> = e.parts.iter().map(|p| (p.base, p.rate)).collect();
    assert_eq!(
        parts,
        vec![(d("4000"), Some(d("0.05"))), (d("2000"), Some(d("0.10")))]
    );
    assert_eq!(e.rule, LineType::NewBusiness);
}

#[test]
fn retroactive_true_up_at_the_close() {
    // (mode, quota, month's revenue, new business written so far, true-up)
    let table: Vec<(BandMode, &str, &str, &str, Option<&str>)> = vec![
        // 6,000 + 6,000 + 1,000 = 13,000 reaches 100%: 13,000 × 10% = 1,300; written 300+400+100.
        (
            BandMode::Retroactive,
            "10000",
            "13000",
            "800",
            Some("500.00"),
        ),
        // Below quota: the marginal lines are already the whole-month rate.
        (BandMode::Retroactive, "10000", "7000", "350", None),
        // Exactly at quota: the band from 100% is reached.
        (
            BandMode::Retroactive,
            "10000",
            "10000",
            "500",
            Some("500.00"),
        ),
        // Rounding of the lines is trued up too: 3 × 0.01 written, 0.15 × 10% = 0.015 → 0.02.
        (BandMode::Retroactive, "0.10", "0.15", "0.03", Some("-0.01")),
        // Marginal plans have no true-up.
        (BandMode::Marginal, "10000", "13000", "800", None),
    ];
    for (mode, quota, revenue, paid, want) in table {
        let e = rules::true_up(&tiered(mode), Some(d(quota)), d(revenue), d(paid), 2);
        assert_eq!(
            e.map(|e| e.amount),
            want.map(d),
            "{mode:?} {quota} {revenue} {paid}"
        );
    }
    let pct = NewBusinessRule::Percentage { rate: d("0.05") };
    assert_eq!(
        rules::true_up(&pct, Some(d("1")), d("100"), d("1"), 2),
        None
    );
}

#[test]
fn residual_locks_at_the_months_close_count() {
    let plan = PlanRules::default();
    // (closes this month so far, this one included; locked amount)
    for (closes, want) in [(1, "200"), (2, "250"), (3, "300"), (7, "300")] {
        assert_eq!(rules::residual_lock(&plan, closes), d(want), "{closes}");
    }
    assert_eq!(
        rules::residual(&plan, Some(d("250")), 2).amount,
        d("250.00")
    );
    // A client without a locked amount earns the fallback.
    let fallback = PlanRules {
        residual_fallback: d("175.5"),
        ..Default::default()
    };
    assert_eq!(rules::residual(&fallback, None, 2).amount, d("175.50"));
}

#[test]
fn upsell_is_ten_percent_of_the_price() {
    let plan = PlanRules::default();
    for (price, want) in [
        ("899.95", "90.00"),
        ("1000", "100.00"),
        ("0.04", "0.00"),
        ("0.05", "0.01"),
    ] {
        assert_eq!(rules::upsell(&plan, d(price), 2).amount, d(want), "{price}");
    }
}

#[test]
fn partner_order_is_a_share_of_the_paid_subtotal() {
    // (rate, subtotal, line)
    for (rate, subtotal, want) in [
        ("0.05", "7700.00", "385.00"), // seed 004: Walmart's order
        ("0.05", "123.45", "6.17"),    // 6.1725
        ("0.05", "0.10", "0.01"),      // 0.005: half away from zero
        ("0.05", "0.09", "0.00"),
        ("0.075", "1000", "75.00"),
        ("0", "5000", "0.00"),
    ] {
        let plan = PlanRules {
            partner_order_rate: d(rate),
            ..PlanRules::default()
        };
        let e = rules::partner_order(&plan, d(subtotal), 2);
        assert_eq!(e.amount, d(want), "{rate} of {subtotal}");
        assert_eq!(e.rule, LineType::PartnerOrder);
        assert_eq!(e.parts[0].base, d(subtotal));
    }
}

#[test]
fn new_partner_bonus_is_fixed_and_zero_is_off() {
    // (bonus, line)
    for (bonus, want) in [
        ("500", Some("500.00")),
        ("850.5", Some("850.50")),
        ("0", None),
    ] {
        let plan = PlanRules {
            new_partner_bonus: d(bonus),
            ..PlanRules::default()
        };
        let e = rules::new_partner(&plan, 2);
        assert_eq!(e.as_ref().map(|e| e.amount), want.map(d), "{bonus}");
        assert!(e.is_none_or(|e| e.rule == LineType::NewPartner));
    }
    assert_eq!(PlanRules::default().new_partner_bonus, d("500"));
    assert_eq!(PlanRules::default().partner_order_rate, d("0.05"));
}

#[test]
fn plans_stored_before_partner_components_read_the_defaults() {
    let mut stored = serde_json::to_value(PlanRules::default()).unwrap();
    let o = stored.as_object_mut().unwrap();
    o.remove("partner_order_rate");
    o.remove("new_partner_bonus");
    let read: PlanRules = serde_json::from_value(stored).unwrap();
    assert_eq!(read, PlanRules::default());
}

#[test]
fn eligibility_after_thirty_days_with_the_client_active() {
    let plan = PlanRules::default();
    let source = at("2026-01-31 15:00");
    // (cancelled at, now, status)
    let table: Vec<(Option<&str>, &str, LineStatus)> = vec![
        (None, "2026-03-01 14:59", LineStatus::Pending), // a minute short of 30 days
        (None, "2026-03-02 15:00", LineStatus::Earned),  // 30 days after, to the minute
        (
            Some("2026-03-01 12:00"),
            "2026-03-01 13:00",
            LineStatus::Voided,
        ), // cancelled on day 29
        (
            Some("2026-03-01 12:00"),
            "2026-04-01 00:00",
            LineStatus::Voided,
        ),
        (
            Some("2026-03-05 12:00"),
            "2026-03-05 13:00",
            LineStatus::Earned,
        ), // after it was earned
        (
            Some("2026-03-01 12:00"),
            "2026-02-15 00:00",
            LineStatus::Pending,
        ), // not yet cancelled
    ];
    for (cancelled, now, want) in table {
        assert_eq!(
            rules::eligibility(&plan, source, cancelled.map(at), at(now)),
            want,
            "cancelled {cancelled:?} now {now}"
        );
    }
    assert_eq!(rules::earned_at(&plan, source), at("2026-03-02 15:00"));
}

#[test]
fn clawback_within_45_days_by_local_date() {
    let plan = PlanRules::default();
    let refund = |before: &str, now: &str, source: &str, on: &str| Refund {
        original: d("617.28"),
        base: d("12345.67"),
        refunded_before: d(before),
        refunded: d(now),
        source_date: day(source),
        refund_date: day(on),
    };
    // (refund, clawback)
    let table: Vec<(Refund, Option<&str>)> = vec![
        (
            refund("0", "12345.67", "2026-01-10", "2026-01-11"),
            Some("-617.28"),
        ),
        // Day 45 claws back, day 46 does not; across a year end (Dec 31 → Feb 14 is 45 days).
        (
            refund("0", "12345.67", "2026-12-31", "2027-02-14"),
            Some("-617.28"),
        ),
        (refund("0", "12345.67", "2026-12-31", "2027-02-15"), None),
        // Partial: 1,000 of 12,345.67 → 617.28 × 1000 / 12345.67 = 50.0005… → 50.00.
        (
            refund("0", "1000", "2026-01-10", "2026-02-01"),
            Some("-50.00"),
        ),
        // A refund beyond the base claws back at most the rest.
        (
            refund("12000", "5000", "2026-01-10", "2026-02-01"),
            Some("-17.28"),
        ),
        (refund("12345.67", "1", "2026-01-10", "2026-02-01"), None),
    ];
    for (r, want) in table {
        assert_eq!(
            rules::clawback(&plan, &r, 2).map(|e| e.amount),
            want.map(d),
            "{r:?}"
        );
    }
}

#[test]
fn partial_refunds_that_add_up_net_the_original_to_zero() {
    let plan = PlanRules::default();
    let mut before = Decimal::ZERO;
    let mut clawed = Vec::new();
    for part in ["33.33", "33.33", "33.34"] {
        let r = Refund {
            original: d("5.00"),
            base: d("100"),
            refunded_before: before,
            refunded: d(part),
            source_date: day("2026-05-01"),
            refund_date: day("2026-05-20"),
        };
        clawed.push(rules::clawback(&plan, &r, 2).unwrap().amount);
        before += d(part);
    }
    // 1.6665 → 1.67; 3.333 → 3.33 (−1.66); 5.00 (−1.67).
    assert_eq!(clawed, vec![d("-1.67"), d("-1.66"), d("-1.67")]);
    assert_eq!(clawed.iter().sum::<Decimal>(), d("-5.00"));
}

#[test]
fn team_bonus_override_and_cap() {
    let on = PlanRules {
        team_bonus: d("500"),
        override_rate: d("0.02"),
        ..Default::default()
    };
    let off = PlanRules::default();
    // (plan, team revenue, team quota, bonus)
    let bonus: Vec<(&PlanRules, &str, Option<&str>, Option<&str>)> = vec![
        (&on, "100000", Some("100000"), Some("500.00")),
        (&on, "99999.99", Some("100000"), None),
        (&on, "100000", None, None),
        (&off, "200000", Some("100000"), None),
    ];
    for (plan, revenue, quota, want) in bonus {
        let got = rules::team_bonus(plan, d(revenue), quota.map(d), 2).map(|e| e.amount);
        assert_eq!(got, want.map(d), "{revenue} {quota:?}");
    }
    // (plan, members' lines, override)
    let overrides: Vec<(&PlanRules, &str, Option<&str>)> = vec![
        (&on, "12345.67", Some("246.91")), // 246.9134
        (&on, "-100", Some("-2.00")),      // a month of clawbacks takes the override down too
        (&on, "0", None),
        (&off, "12345.67", None),
    ];
    for (plan, total, want) in overrides {
        assert_eq!(
            rules::manager_override(plan, d(total), 2).map(|e| e.amount),
            want.map(d),
            "{total}"
        );
    }
    // (net, base salary, cap line): the cap is 3 × salary.
    let caps: Vec<(&str, Option<&str>, Option<&str>)> = vec![
        ("3250.50", Some("1000"), Some("-250.50")),
        ("3000", Some("1000"), None),
        ("3000.01", Some("1000"), Some("-0.01")),
        ("999999", None, None),
        ("-50", Some("1000"), None),
    ];
    for (net, salary, want) in caps {
        assert_eq!(
            rules::cap(&off, d(net), salary.map(d), 2).map(|e| e.amount),
            want.map(d),
            "{net}"
        );
    }
}

#[test]
fn disputes_within_seven_days() {
    let plan = PlanRules::default();
    let created = at("2026-06-01 09:00");
    assert!(rules::disputable(&plan, created, at("2026-06-08 09:00")));
    assert!(!rules::disputable(&plan, created, at("2026-06-08 09:01")));
}
