use rust_decimal::Decimal;

use super::*;

fn usd(amount: &str) -> Money {
    Money::new(amount.parse::<Decimal>().unwrap(), "USD")
}

#[test]
fn tier_prices_come_off_msrp_rounded_to_the_cent() {
    // (msrp, discount %, price, margin %)
    let table = [
        ("4.99", 25, "3.74", "25.1"), // 3.7425 → 3.74
        ("4.99", 35, "3.24", "35.1"), // 3.2435 → 3.24
        ("4.99", 40, "2.99", "40.1"), // 2.994 → 2.99
        ("5.00", 25, "3.75", "25.0"),
        ("0.10", 25, "0.08", "20.0"), // 0.075 → 0.08, half away from zero
        ("0.00", 40, "0.00", "0"),
        ("12.34", 0, "12.34", "0.0"),
        ("12.34", 100, "0.00", "100.0"),
        ("12.34", 150, "0.00", "100.0"), // more than 100% is treated as 100%
    ];
    for (msrp, discount, price, margin) in table {
        let m = usd(msrp);
        let p = tier_price(&m, discount).unwrap();
        assert_eq!(p, usd(price), "{msrp} less {discount}%");
        assert_eq!(
            margin_percent(&m, &p),
            margin.parse::<Decimal>().unwrap(),
            "{msrp} at {price}"
        );
    }
    // A currency without minor units rounds to whole units.
    let yen = tier_price(&Money::new(Decimal::from(999), "JPY"), 25).unwrap();
    assert_eq!(yen, Money::new(Decimal::from(749), "JPY")); // 749.25
}

#[test]
fn quantities_round_up_to_whole_cases_and_respect_the_minimum() {
    // (requested, case pack, minimum, result)
    let table: [(u32, u32, u32, Result<u32, QuantityError>); 9] = [
        (100, 12, 100, Ok(108)),
        (108, 12, 100, Ok(108)),
        (96, 12, 96, Ok(96)),
        (
            90, // 96 in cases, still below 100
            12,
            100,
            Err(QuantityError::BelowMinimum {
                minimum: 100,
                minimum_in_cases: 108,
            }),
        ),
        (1, 1, 1, Ok(1)),
        (5, 0, 1, Ok(5)), // no case pack: single units
        (
            50,
            24,
            100,
            Err(QuantityError::BelowMinimum {
                minimum: 100,
                minimum_in_cases: 120,
            }),
        ),
        (0, 12, 1, Err(QuantityError::Zero)),
        (MAX_LINE_UNITS + 1, 1, 1, Err(QuantityError::TooMany)),
    ];
    for (requested, pack, minimum, expected) in table {
        assert_eq!(
            order_quantity(requested, pack, minimum),
            expected,
            "{requested} in cases of {pack}, minimum {minimum}"
        );
    }
}

#[test]
fn reorder_point_and_sku_keys() {
    let table = [
        (0, 0, true),
        (99, 100, true),
        (100, 100, true),
        (101, 100, false),
    ];
    for (stock, point, reorder) in table {
        assert_eq!(needs_reorder(stock, point), reorder, "{stock} vs {point}");
    }
    assert_eq!(sku_key("  sm-detox-12 "), "SM-DETOX-12");
}

#[test]
fn quantity_errors_say_the_minimum() {
    let e = QuantityError::BelowMinimum {
        minimum: 100,
        minimum_in_cases: 108,
    };
    assert_eq!(
        e.to_string(),
        "is below the minimum order of 100 units (108 in whole cases)"
    );
}

#[test]
fn nutrition_is_an_object_never_an_array() {
    // serde's derived structs would read `[null, null]` as the first two fields.
    let table = [
        (
            r#"{"reorder_point": 1, "nutrition": {"calories": 10}}"#,
            true,
        ),
        (r#"{"nutrition": null}"#, true),
        (r#"{}"#, true),
        (r#"{"nutrition": [null, null]}"#, false),
        (r#"{"nutrition": "10"}"#, false),
    ];
    for (body, ok) in table {
        let read = serde_json::from_str::<UpdateProductRequest>(body);
        assert_eq!(read.is_ok(), ok, "{body}");
    }
    let arrayed = r#"{"sku": "A", "name": "A", "category": "other", "case_pack": 1, "min_order_qty": 1,
        "msrp": {"amount": "1.00", "currency": "USD"}, "wholesale_price": {"amount": "1.00", "currency": "USD"},
        "cost": {"amount": "1.00", "currency": "USD"}, "nutrition": []}"#;
    assert!(serde_json::from_str::<CreateProductRequest>(arrayed).is_err());
    assert!(serde_json::from_str::<CreateProductRequest>(&arrayed.replace("[]", "{}")).is_ok());
}
