use chrono::TimeZone;
use rust_decimal::Decimal;

use super::*;

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap()
}

#[test]
fn due_dates_follow_the_terms() {
    let issued = Utc.with_ymd_and_hms(2026, 1, 31, 9, 30, 0).unwrap();
    let table = [
        (
            PaymentTerms::Net30,
            Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).unwrap(),
        ),
        (
            PaymentTerms::Net60,
            Utc.with_ymd_and_hms(2026, 4, 1, 9, 30, 0).unwrap(),
        ),
        (PaymentTerms::Prepaid, issued),
    ];
    for (terms, due) in table {
        assert_eq!(due_at(issued, terms), due, "{terms}");
    }
}

#[test]
fn status_at_an_instant() {
    let due = at(20, 12);
    let s = |terms, paid, cancelled| Standing {
        terms,
        due_at: due,
        paid,
        cancelled,
    };
    use InvoiceStatus::*;
    use PaymentTerms::*;
    // (standing, now, status)
    let table = [
        (s(Net30, false, false), at(20, 11), Open),
        (s(Net30, false, false), at(20, 12), Overdue), // due at that instant: overdue from it
        (s(Net60, false, false), at(25, 0), Overdue),
        (s(Net30, true, false), at(25, 0), Paid),
        (s(Net30, false, true), at(25, 0), Cancelled),
        (s(Net30, true, true), at(25, 0), Paid),
        (s(Prepaid, false, false), at(25, 0), Open), // a prepaid order waits, never overdue
        (s(Prepaid, true, false), at(25, 0), Paid),
    ];
    for (standing, now, want) in table {
        assert_eq!(standing.status_at(now), want, "{standing:?} at {now}");
    }
}

#[test]
fn reminders_three_days_before_and_once_overdue() {
    let due = at(20, 12);
    let net = Standing {
        terms: PaymentTerms::Net30,
        due_at: due,
        paid: false,
        cancelled: false,
    };
    let prepaid = Standing {
        terms: PaymentTerms::Prepaid,
        ..net
    };
    let paid = Standing { paid: true, ..net };
    let cancelled = Standing {
        cancelled: true,
        ..net
    };
    use Reminder::*;
    // (standing, now, due-soon sent, overdue sent, owed)
    let table = [
        (net, at(17, 11), false, false, None), // more than 3 days before
        (net, at(17, 12), false, false, Some(DueSoon)), // exactly 3 days before
        (net, at(19, 0), false, false, Some(DueSoon)),
        (net, at(19, 0), true, false, None), // sent already
        (net, at(20, 12), false, false, Some(Overdue)), // found overdue: only that one
        (net, at(21, 0), true, false, Some(Overdue)),
        (net, at(28, 0), true, true, None),
        (prepaid, at(19, 0), false, false, None),
        (prepaid, at(28, 0), false, false, None),
        (paid, at(28, 0), false, false, None),
        (cancelled, at(28, 0), false, false, None),
    ];
    for (standing, now, soon, overdue, want) in table {
        assert_eq!(
            standing.reminder_at(now, soon, overdue),
            want,
            "{standing:?} at {now}"
        );
    }
}

#[test]
fn late_fee_is_a_share_of_the_subtotal_rounded_to_the_cent() {
    // (subtotal, percent, fee)
    let table = [
        ("1000.00", "1.5", "15.00"),
        ("123.45", "1.5", "1.85"), // 1.85175
        ("0.33", "1.5", "0.00"),   // 0.00495
        ("1.00", "1.5", "0.02"),   // 0.015: half away from zero
        ("0.00", "1.5", "0.00"),
        ("2500.00", "0", "0.00"),
    ];
    for (subtotal, percent, fee) in table {
        let got = late_fee(
            &Money::new(subtotal.parse().unwrap(), "USD"),
            percent.parse().unwrap(),
        )
        .unwrap();
        assert_eq!(
            got.amount,
            fee.parse::<Decimal>().unwrap(),
            "{subtotal} at {percent}%"
        );
        assert_eq!(got.currency, "USD");
    }
    assert_eq!(LATE_FEE_PERCENT, "1.5".parse::<Decimal>().unwrap());
    // Yen has no minor unit.
    let yen = late_fee(&Money::new(Decimal::from(1234), "JPY"), LATE_FEE_PERCENT).unwrap();
    assert_eq!(yen.amount, Decimal::from(19)); // 18.51
}
