use rust_decimal::Decimal;

use super::*;
use crate::catalogue::QuantityError;

fn usd(amount: &str) -> Money {
    Money::new(amount.parse::<Decimal>().unwrap(), "USD")
}

fn product(n: u128, msrp: &str, case_pack: u32, minimum: u32) -> PricedProduct {
    PricedProduct {
        id: Uuid::from_u128(n),
        sku: format!("SKU-{n}"),
        name: format!("Product {n}"),
        msrp: usd(msrp),
        case_pack,
        min_order_qty: minimum,
        active: true,
    }
}

#[test]
fn statuses_follow_the_pipeline_and_cancel_before_shipping() {
    use OrderStatus::*;
    // (from, to, allowed)
    let table = [
        (Pending, Confirmed, true),
        (Pending, Production, false), // one step at a time
        (Confirmed, Production, true),
        (Production, QualityCheck, true),
        (QualityCheck, Shipped, true),
        (Shipped, Delivered, true),
        (Delivered, Cancelled, false),
        (Shipped, Cancelled, false),
        (QualityCheck, Cancelled, true),
        (Production, Cancelled, true),
        (Confirmed, Cancelled, true),
        (Pending, Cancelled, true),
        (Cancelled, Pending, false),
        (Confirmed, Pending, false),
        (Pending, Pending, false),
    ];
    for (from, to, allowed) in table {
        assert_eq!(from.may_become(to), allowed, "{from} → {to}");
    }
    // What holds stock and what uses credit.
    let holds = [
        (Pending, false, true),
        (Confirmed, true, true),
        (Production, true, true),
        (QualityCheck, true, true),
        (Shipped, false, true),
        (Delivered, false, true),
        (Cancelled, false, false),
    ];
    for (status, stock, credit) in holds {
        assert_eq!(status.holds_stock(), stock, "{status} holds stock");
        assert_eq!(status.uses_credit(), credit, "{status} uses credit");
    }
}

#[test]
fn a_cart_is_priced_in_whole_cases_at_the_tier_discount() {
    let detox = product(1, "4.99", 12, 100);
    let bar = product(2, "2.49", 24, 48);
    // (tier discount, lines, subtotal, msrp total, discount, units)
    let table = [
        // 100 → 108 detox at 3.74 = 403.92; 48 bars at 1.87 = 89.76
        (25, vec![(100, 48)], "493.68", "658.44", "164.76", 156),
        // 35%: 3.24 × 108 = 349.92; 1.62 × 48 = 77.76
        (35, vec![(100, 48)], "427.68", "658.44", "230.76", 156),
        // 40%: 2.99 × 120 = 358.80; 1.49 × 72 = 107.28
        (40, vec![(109, 49)], "466.08", "778.08", "312.00", 192),
    ];
    for (discount, qty, subtotal, msrp_total, saved, units) in table {
        let (d, b) = qty[0];
        let cart = price_cart(&[(detox.clone(), d), (bar.clone(), b)], discount).unwrap();
        assert_eq!(cart.subtotal, usd(subtotal), "{discount}%");
        assert_eq!(cart.msrp_total, usd(msrp_total), "{discount}%");
        assert_eq!(cart.discount, usd(saved), "{discount}%");
        assert_eq!(cart.units, units, "{discount}%");
        let line_sum: Decimal = cart.lines.iter().map(|l| l.subtotal.amount).sum();
        assert_eq!(line_sum, cart.subtotal.amount, "lines add up");
    }
    let cart = price_cart(&[(detox.clone(), 100)], 25).unwrap();
    let line = &cart.lines[0];
    assert_eq!((line.requested, line.quantity, line.cases), (100, 108, 9));
    assert_eq!(line.unit_price, usd("3.74"));
    assert_eq!(line.margin_percent, "25.1".parse::<Decimal>().unwrap());
    // Free products still print with cents.
    let free = price_cart(&[(product(3, "0.00", 1, 1), 1)], 25).unwrap();
    assert_eq!(free.subtotal.amount.to_string(), "0.00");
}

#[test]
fn a_cart_names_the_line_that_cannot_be_ordered() {
    let detox = product(1, "4.99", 12, 100);
    let mut retired = product(2, "2.49", 24, 48);
    retired.active = false;
    let mut euro = product(3, "3.00", 1, 1);
    euro.msrp.currency = "EUR".into();
    let table = [
        (
            vec![(detox.clone(), 50)],
            LineError::Quantity(
                0,
                QuantityError::BelowMinimum {
                    minimum: 100,
                    minimum_in_cases: 108,
                },
            ),
            "items[0].quantity",
        ),
        (
            vec![(detox.clone(), 100), (retired, 48)],
            LineError::Inactive(1),
            "items[1].product_id",
        ),
        (
            vec![(detox.clone(), 100), (detox.clone(), 200)],
            LineError::Repeated(1),
            "items[1].product_id",
        ),
        (
            vec![(detox.clone(), 100), (euro, 1)],
            LineError::Currency(1),
            "items[1].product_id",
        ),
    ];
    for (lines, error, field) in table {
        let got = price_cart(&lines, 25).unwrap_err();
        assert_eq!(got, error);
        assert_eq!(got.field_and_message().0, field);
    }
    // The request's own faults (422) against the catalogue's state (409).
    let below = QuantityError::BelowMinimum {
        minimum: 2,
        minimum_in_cases: 2,
    };
    let kinds = [
        (LineError::Repeated(1), true),
        (LineError::Quantity(0, QuantityError::Zero), true),
        (LineError::Quantity(0, QuantityError::TooMany), true),
        (LineError::Quantity(0, below), false),
        (LineError::Inactive(0), false),
        (LineError::Currency(0), false),
    ];
    for (error, request) in kinds {
        assert_eq!(error.is_request_error(), request, "{error:?}");
    }
}

#[test]
fn available_credit_is_the_limit_less_open_orders_never_negative() {
    let table = [
        ("5000.00", "0.00", "5000.00"),
        ("5000.00", "1234.56", "3765.44"),
        ("5000.00", "5000.00", "0.00"),
        ("5000.00", "6000.00", "0.00"),
        ("0.00", "0.00", "0.00"),
    ];
    for (limit, open, left) in table {
        assert_eq!(
            available_credit(&usd(limit), &usd(open)).amount,
            left.parse::<Decimal>().unwrap(),
            "{limit} less {open}"
        );
    }
}

#[test]
fn the_partner_hears_of_confirmation_shipping_delivery_and_cancelling() {
    use OrderStatus::*;
    for (status, told) in [
        (Pending, false),
        (Confirmed, true),
        (Production, false),
        (QualityCheck, false),
        (Shipped, true),
        (Delivered, true),
        (Cancelled, true),
    ] {
        assert_eq!(status.tells_partner(), told, "{status}");
    }
}
