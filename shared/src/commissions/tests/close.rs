//! The monthly close's steps with hand-computed cents, and their convergence: a step run again
//! over the lines it wrote owes nothing.

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::{d, tiered};
use crate::commissions::close::{self, LedgerLine};
use crate::commissions::plan::{BandMode, PlanRules};
use crate::commissions::{LineStatus, LineType};

fn line(line_type: LineType, base: &str, amount: &str, status: LineStatus) -> LedgerLine {
    LedgerLine {
        line_type,
        base: d(base),
        amount: d(amount),
        status,
    }
}

fn nb(base: &str, amount: &str) -> LedgerLine {
    line(LineType::NewBusiness, base, amount, LineStatus::Pending)
}

#[test]
fn statements_sum_the_lines_that_pay() {
    let lines = [
        nb("1000", "50.00"),
        nb("2000", "100.00"),
        line(LineType::NewBusiness, "999", "49.95", LineStatus::Voided),
        line(LineType::Residual, "250", "250.00", LineStatus::Earned),
        line(LineType::Clawback, "50", "-20.00", LineStatus::Paid),
    ];
    let s = close::statement(&lines);
    assert_eq!(s.line_count, 4);
    assert_eq!(s.net, d("380.00"));
    let totals: Vec<(LineType, Decimal)> =
        s.totals.iter().map(|t| (t.line_type, t.amount)).collect();
    assert_eq!(
        totals,
        [
            (LineType::NewBusiness, d("150.00")),
            (LineType::Residual, d("250.00")),
            (LineType::Clawback, d("-20.00")),
        ]
    );
    assert_eq!(close::statement(&[]).net, Decimal::ZERO);
}

#[test]
fn true_ups_bring_retroactive_bands_to_the_band_reached_once() {
    let plan = |mode| PlanRules {
        new_business: tiered(mode),
        ..Default::default()
    };
    let quota = Some(d("10000"));
    // Two deals of 6,000 written marginally: 300.00, then 4,000 at 5% + 2,000 at 10% = 400.00.
    let written = [nb("6000", "300.00"), nb("6000", "400.00")];
    // (mode, lines, true-up owed)
    let table: Vec<(BandMode, Vec<LedgerLine>, Option<&str>)> = vec![
        // 12,000 reached the 10% band: 1,200.00 less 700.00 written.
        (BandMode::Retroactive, written.to_vec(), Some("500.00")),
        // Run again over its own line: nothing.
        (
            BandMode::Retroactive,
            [
                &written[..],
                &[line(LineType::TrueUp, "0", "500.00", LineStatus::Earned)],
            ]
            .concat(),
            None,
        ),
        // Marginal plans never true up.
        (BandMode::Marginal, written.to_vec(), None),
        // Below quota: everything was at 5% already.
        (BandMode::Retroactive, vec![nb("6000", "300.00")], None),
        // A voided deal counts for neither revenue nor what was written: 300.00 as written.
        (
            BandMode::Retroactive,
            vec![
                nb("6000", "300.00"),
                line(LineType::NewBusiness, "6000", "400.00", LineStatus::Voided),
            ],
            None,
        ),
    ];
    for (i, (mode, lines, want)) in table.into_iter().enumerate() {
        let got = close::true_up(&plan(mode), quota, &lines, 2).map(|e| e.amount);
        assert_eq!(got, want.map(d), "row {i}");
    }
}

#[test]
fn overrides_are_a_share_of_the_members_lines_less_what_was_written() {
    let plan = PlanRules {
        override_rate: d("0.02"),
        ..Default::default()
    };
    let members = [
        nb("20000", "1000.00"),
        line(LineType::Residual, "250", "250.00", LineStatus::Earned),
        line(LineType::Clawback, "1000", "-50.00", LineStatus::Earned),
        // Not counted: a team bonus, a cap, a voided line.
        line(LineType::TeamBonus, "0", "100.00", LineStatus::Earned),
        line(LineType::Cap, "0", "-10.00", LineStatus::Earned),
        line(LineType::NewBusiness, "500", "25.00", LineStatus::Voided),
        line(LineType::Upsell, "901", "90.10", LineStatus::Pending),
    ];
    // 2% of 1,290.10 = 25.802 → 25.80.
    let table = [
        ("0", Some("25.80")),
        ("25.80", None),
        ("20.00", Some("5.80")),
        ("30.00", Some("-4.20")),
    ];
    for (already, want) in table {
        let got = close::manager_override(&plan, &members, d(already), 2).map(|e| e.amount);
        assert_eq!(got, want.map(d), "already {already}");
    }
    let off = PlanRules::default();
    assert_eq!(
        close::manager_override(&off, &members, Decimal::ZERO, 2),
        None
    );
    // Off after an override was written: the written one is taken back.
    assert_eq!(
        close::manager_override(&off, &members, d("25.80"), 2).map(|e| e.amount),
        Some(d("-25.80"))
    );
}

/// A half cent is rounded once, on the month's whole override: 11.95% of 42,290.00 is 5,053.655,
/// written as 5,053.66; the next close owes nothing (not −0.01 for the half cent "owed back"),
/// and a later 10.00 of lines owes its share on top of the rounded whole.
#[test]
fn an_override_rounds_the_months_whole_once() {
    let plan = PlanRules {
        override_rate: d("0.1195"),
        ..Default::default()
    };
    let members = [nb("422900", "42290.00")];
    let table = [
        ("0", Some("5053.66")),
        ("5053.66", None),
        ("5053.65", Some("0.01")),
    ];
    for (already, want) in table {
        let got = close::manager_override(&plan, &members, d(already), 2);
        assert_eq!(
            got.as_ref().map(|e| e.amount),
            want.map(d),
            "already {already}"
        );
        if let Some(e) = got {
            let parts: Decimal = e.parts.iter().map(|p| p.amount).sum();
            assert_eq!(parts, e.unrounded, "already {already}: the parts sum");
        }
    }
    // 42,300.00 × 11.95% = 5,054.85 in all, 1.19 more than written.
    let later = [nb("422900", "42290.00"), nb("200", "10.00")];
    assert_eq!(
        close::manager_override(&plan, &later, d("5053.66"), 2).map(|e| e.amount),
        Some(d("1.19"))
    );
}

#[test]
fn caps_take_off_the_excess_over_three_salaries() {
    let plan = PlanRules::default();
    // (lines, salary, cap line)
    let table: Vec<(Vec<LedgerLine>, Option<&str>, Option<&str>)> = vec![
        // A deal mid-month crosses the 6,000.00 cap: 5,990.00 + 100.00 → −90.00.
        (
            vec![nb("0", "5990.00"), nb("0", "100.00")],
            Some("2000"),
            Some("-90.00"),
        ),
        // Exactly at the cap: nothing.
        (vec![nb("0", "6000.00")], Some("2000"), None),
        // No salary, no cap.
        (vec![nb("0", "1000000.00")], None, None),
        // Clawbacks and earlier caps count: 7,000 − 500 − 400 = 6,100 → −100.00.
        (
            vec![
                nb("0", "7000.00"),
                line(LineType::Clawback, "0", "-500.00", LineStatus::Earned),
                line(LineType::Cap, "0", "-400.00", LineStatus::Earned),
            ],
            Some("2000"),
            Some("-100.00"),
        ),
        // Voided lines do not count.
        (
            vec![
                nb("0", "5000.00"),
                line(LineType::NewBusiness, "0", "5000.00", LineStatus::Voided),
            ],
            Some("2000"),
            None,
        ),
    ];
    for (i, (lines, salary, want)) in table.into_iter().enumerate() {
        let got = close::cap(&plan, &lines, salary.map(d), 2).map(|e| e.amount);
        assert_eq!(got, want.map(d), "row {i}");
    }
}

fn amounts() -> impl Strategy<Value = Vec<LedgerLine>> {
    prop::collection::vec(
        (
            (-100_000i64..2_000_000),
            0usize..4,
            prop::bool::weighted(0.1),
        ),
        0..40,
    )
    .prop_map(|v| {
        v.into_iter()
            .map(|(cents, t, voided)| LedgerLine {
                line_type: [
                    LineType::NewBusiness,
                    LineType::Residual,
                    LineType::Upsell,
                    LineType::Clawback,
                ][t],
                base: Decimal::new(cents.abs() * 20, 2),
                amount: Decimal::new(cents, 2),
                status: if voided {
                    LineStatus::Voided
                } else {
                    LineStatus::Earned
                },
            })
            .collect()
    })
}

proptest! {
    /// After the close's cap line, the month's net never exceeds the cap, and a second close
    /// writes no further cap.
    #[test]
    fn the_cap_is_never_exceeded(lines in amounts(), salary in 0i64..1_000_000) {
        let plan = PlanRules::default();
        let salary = Decimal::new(salary, 2);
        let limit = plan.cap_multiple * salary;
        let mut all = lines.clone();
        if let Some(e) = close::cap(&plan, &lines, Some(salary), 2) {
            prop_assert!(e.amount < Decimal::ZERO);
            all.push(LedgerLine { line_type: LineType::Cap, base: Decimal::ZERO, amount: e.amount, status: LineStatus::Earned });
        }
        prop_assert!(close::statement(&all).net <= limit);
        prop_assert!(close::cap(&plan, &all, Some(salary), 2).is_none());
    }

    /// A statement's net is the sum of its totals, and of its paying lines.
    #[test]
    fn a_statement_equals_the_sum_of_its_lines(lines in amounts()) {
        let s = close::statement(&lines);
        let by_type: Decimal = s.totals.iter().map(|t| t.amount).sum();
        let paying: Decimal = lines.iter().filter(|l| l.status != LineStatus::Voided).map(|l| l.amount).sum();
        prop_assert_eq!(s.net, by_type);
        prop_assert_eq!(s.net, paying);
    }

    /// An override run again over what it wrote owes nothing.
    #[test]
    fn overrides_converge(lines in amounts(), rate in 0i64..2_000) {
        let plan = PlanRules { override_rate: Decimal::new(rate, 4), ..Default::default() };
        let first = close::manager_override(&plan, &lines, Decimal::ZERO, 2).map_or(Decimal::ZERO, |e| e.amount);
        prop_assert!(close::manager_override(&plan, &lines, first, 2).is_none());
    }
}
