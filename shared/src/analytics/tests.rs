use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::*;
use crate::leads::SalesStage;

fn week(new_contacts: u32, due: u32, done: u32) -> WeekCounts {
    WeekCounts {
        new_contacts,
        follow_ups_due: due,
        follow_ups_done: done,
        ..WeekCounts::default()
    }
}

fn month(asks: u32, days_gone: u32) -> MonthToDate {
    MonthToDate {
        referral_asks: asks,
        days_gone,
        days_in_month: 30,
    }
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn the_leak_is_the_largest_shortfall() {
    let base = LeakTargets::default(); // 5 new contacts a week
    let fifty = LeakTargets {
        new_contacts_per_week: 50,
        ..base
    };
    let with_follow_up_target = LeakTargets {
        follow_ups_per_week: Some(20),
        ..base
    };
    let with_referrals = LeakTargets {
        referral_asks_per_month: Some(8),
        ..base
    };
    // (week, month, targets, want)
    let table: [(
        WeekCounts,
        MonthToDate,
        LeakTargets,
        Option<(SalesStage, &str)>,
    ); 10] = [
        // Nothing short.
        (week(5, 0, 0), month(0, 1), base, None),
        (week(7, 4, 4), month(0, 30), base, None),
        // The seed's two examples: 36/50 = 72% short beats 22/31 = 71%; with 45 contacts (10%
        // short) the follow-ups leak.
        (
            week(14, 31, 9),
            month(0, 1),
            fifty,
            Some((SalesStage::Prospecting, "14 new contacts, target 50")),
        ),
        (
            week(45, 31, 9),
            month(0, 1),
            fifty,
            Some((SalesStage::FollowUp, "31 due, 9 done")),
        ),
        // Equal shortfalls (3/5 and 6/10): the earlier stage, prospecting.
        (
            week(2, 10, 4),
            month(0, 1),
            base,
            Some((SalesStage::Prospecting, "2 new contacts, target 5")),
        ),
        // Due and done agree but the weekly target is missed.
        (
            week(5, 3, 3),
            month(0, 1),
            with_follow_up_target,
            Some((SalesStage::FollowUp, "3 follow-ups done, target 20")),
        ),
        // Of the two follow-up shortfalls the larger speaks: 19/20 of the target beats 9/10 due.
        (
            week(5, 10, 1),
            month(0, 1),
            with_follow_up_target,
            Some((SalesStage::FollowUp, "1 follow-up done, target 20")),
        ),
        // Referrals: 8 a month, 15 of 30 days gone → 4 by today; 1 ask is 3/4 short.
        (
            week(5, 0, 0),
            month(1, 15),
            with_referrals,
            Some((
                SalesStage::Referral,
                "1 referral ask this month, target 4 by today",
            )),
        ),
        // Day 1 of 30: ceil(8 / 30) = 1 by today; none asked.
        (
            week(5, 0, 0),
            month(0, 1),
            with_referrals,
            Some((
                SalesStage::Referral,
                "0 referral asks this month, target 1 by today",
            )),
        ),
        // On pace: 4 asks by day 15.
        (week(5, 0, 0), month(4, 15), with_referrals, None),
    ];
    for (w, m, t, want) in table {
        let got = find_leak(&w, &m, &t);
        assert_eq!(
            got.as_ref().map(|l| (l.stage, l.reason.as_str())),
            want,
            "{w:?} {m:?} {t:?}"
        );
    }
    let leak = find_leak(&week(45, 31, 9), &month(0, 1), &fifty).unwrap();
    assert_eq!(leak.line(), "Leak = Follow-up (31 due, 9 done)");
}

#[test]
fn a_teams_targets_are_its_reps_targets_summed() {
    let t = LeakTargets {
        follow_ups_per_week: Some(4),
        ..LeakTargets::default()
    }
    .times(3);
    assert_eq!(t.new_contacts_per_week, 15);
    assert_eq!(t.follow_ups_per_week, Some(12));
    assert_eq!(t.referral_asks_per_month, None);
    assert_eq!(t.presentation_overfocus_threshold, 9);
    assert_eq!(LeakTargets::default().times(0), LeakTargets::default());
}

#[test]
fn percentages_have_one_decimal_rounded_half_up() {
    let table = [
        (0, 0, None),
        (0, 4, Some("0.0")),
        (1, 3, Some("33.3")),
        (2, 3, Some("66.7")),
        (1, 8, Some("12.5")),
        (1, 16, Some("6.3")), // 6.25 → 6.3
        (9, 31, Some("29.0")),
        (7, 7, Some("100.0")),
    ];
    for (n, den, want) in table {
        assert_eq!(percent(n, den), want.map(d), "{n}/{den}");
    }
}

#[test]
fn discipline_is_three_percentages_and_their_exact_mean() {
    // (counts, on time, with next date, with notes, composite)
    type Row = (
        DisciplineCounts,
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
        Option<u32>,
    );
    let c = |due, on_time, needing, with_next, open, notes| DisciplineCounts {
        due,
        on_time,
        needing_next_date: needing,
        with_next_date: with_next,
        open_leads: open,
        with_recent_notes: notes,
    };
    let table: [Row; 5] = [
        (c(0, 0, 0, 0, 0, 0), None, None, None, None),
        // 9/31 = 29.03, 8/10 = 80, 3/12 = 25 → mean 44.68 → 45.
        (
            c(31, 9, 10, 8, 12, 3),
            Some("29.0"),
            Some("80.0"),
            Some("25.0"),
            Some(45),
        ),
        // Nothing due: the mean of the other two, 50 and 100 → 75.
        (
            c(0, 0, 2, 1, 4, 4),
            None,
            Some("50.0"),
            Some("100.0"),
            Some(75),
        ),
        // 1/3, 1/3, 1/3 → 33.33 (the rounded 33.3s would give the same; 2/3s below do not).
        (
            c(3, 1, 3, 1, 3, 1),
            Some("33.3"),
            Some("33.3"),
            Some("33.3"),
            Some(33),
        ),
        // 1/6 = 16.67, 1/2 = 50, 5/6 = 83.33 → exactly 50.
        (
            c(6, 1, 2, 1, 6, 5),
            Some("16.7"),
            Some("50.0"),
            Some("83.3"),
            Some(50),
        ),
    ];
    for (counts, on_time, next, notes, composite) in table {
        let s = DisciplineScore::of(counts);
        assert_eq!(s.pct_on_time, on_time.map(d), "{counts:?}");
        assert_eq!(s.pct_with_next_date, next.map(d), "{counts:?}");
        assert_eq!(s.pct_with_notes, notes.map(d), "{counts:?}");
        assert_eq!(s.composite, composite, "{counts:?}");
    }
}

#[test]
fn overfocus_warns_on_many_presentations_and_few_new_contacts() {
    let t = LeakTargets::default(); // threshold 3, target 5
    let table = [
        (3, 0, false), // not more than the threshold
        (4, 4, true),
        (4, 5, false), // on target
        (10, 0, true),
        (0, 0, false),
    ];
    for (presentations, contacts, warns) in table {
        let got = overfocus_warning(presentations, contacts, &t);
        assert_eq!(got.is_some(), warns, "{presentations} / {contacts}");
    }
    assert_eq!(
        overfocus_warning(4, 2, &t).unwrap(),
        "You are over-indexing on presentation (4 in 7 days, 2 new contacts against a target \
         of 5). Prospecting is the leak."
    );
}

#[test]
fn a_scorecard_sums_its_reps_and_computes_from_the_sums() {
    let a = ScorecardCounts {
        cash_collected_minor: 125_000,
        deals_won_90d: 3,
        // 10,000.00 at 25% + 4,000.01 at 50%.
        pipeline_weighted_minor_x100: 1_000_000 * 25 + 400_001 * 50,
        new_contacts_7d: 2,
        follow_ups_due_30d: 4,
        follow_ups_on_time_30d: 1,
        referral_asks_30d: 1,
        week: week(2, 4, 1),
        month_referral_asks: 1,
    };
    let b = ScorecardCounts {
        cash_collected_minor: 5,
        deals_won_90d: 1,
        pipeline_weighted_minor_x100: 0,
        new_contacts_7d: 9,
        follow_ups_due_30d: 2,
        follow_ups_on_time_30d: 2,
        referral_asks_30d: 0,
        week: week(9, 2, 2),
        month_referral_asks: 0,
    };
    let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let t = LeakTargets::default();
    let team = Scorecard::of(monday, 2, &(a + b), month(0, 27), &t, "USD").unwrap();
    assert_eq!(team.cash_collected.amount, d("1250.05"));
    assert_eq!(team.deals_won_90d, 4);
    // 25,000,000 + 20,000,050 = 45,000,050 → 450,000.50 minor → 450,001 (half up) → 4,500.01.
    assert_eq!(team.pipeline_value.amount, d("4500.01"));
    assert_eq!(team.new_contacts_7d, 11);
    // 3 of 6 on time, not the mean of 25% and 100%.
    assert_eq!(team.follow_ups_on_time_pct, Some(d("50.0")));
    // 11 new contacts against 2 × 5: none short; follow-ups 6 due, 3 done: the leak.
    assert_eq!(team.leak_line, "Leak = Follow-up (6 due, 3 done)");
    let alone = Scorecard::of(monday, 1, &b, month(0, 27), &t, "USD").unwrap();
    assert_eq!(alone.leak, None);
    assert_eq!(alone.leak_line, "No leak this week");
}
