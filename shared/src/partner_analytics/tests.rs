use rust_decimal::Decimal;
use uuid::Uuid;

use super::*;

fn month(s: &str) -> Period {
    s.parse().unwrap()
}

fn order(m: &str, units: i64, retail: i64, spend: i64) -> OrderFacts {
    OrderFacts {
        month: month(m),
        units,
        retail_minor: retail,
        spend_minor: spend,
    }
}

fn line(order: u128, product: u128, sku: &str, units: i64, retail: i64, spend: i64) -> LineFacts {
    LineFacts {
        order: Uuid::from_u128(order),
        product_id: Uuid::from_u128(product),
        sku: sku.into(),
        name: format!("Product {sku}"),
        units,
        retail_minor: retail,
        spend_minor: spend,
    }
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn windows_end_with_the_month_asked_and_reach_back() {
    // (last, months, first, count)
    for (last, months, first, count) in [
        ("2026-11", 12, "2025-12", 12),
        ("2026-01", 3, "2025-11", 3),
        ("2026-03", 1, "2026-03", 1),
        // Out of range: at least one month, at most 24.
        ("2026-03", 0, "2026-03", 1),
        ("2026-12", 99, "2025-01", 24),
    ] {
        let w = window(month(last), months);
        assert_eq!((w[0], w.len()), (month(first), count), "{last} × {months}");
        assert_eq!(*w.last().unwrap(), month(last));
        assert!(w.windows(2).all(|p| p[0].next() == p[1]), "consecutive");
    }
}

#[test]
fn percentages_round_half_away_to_one_decimal() {
    for (part, whole, expected) in [
        (0, 0, "0"),
        (5, 0, "0"),
        (1, 3, "33.3"),
        (2, 3, "66.7"),
        (1, 8, "12.5"),
        (1, 16, "6.3"), // 6.25 → 6.3
        (35, 100, "35.0"),
        (-1, 16, "-6.3"),
    ] {
        assert_eq!(percent(part, whole), dec(expected), "{part}/{whole}");
        assert_eq!(percent(part, whole).scale(), 1, "one decimal on the wire");
    }
}

#[test]
fn months_products_and_totals_add_up() {
    let partner = Uuid::from_u128(7);
    let orders = [
        // September: two orders; October: none; November: one. August is outside the window.
        order("2026-09", 24, 12_000, 7_800),
        order("2026-09", 12, 5_988, 3_893),
        order("2026-11", 48, 23_952, 15_569),
        order("2026-08", 1_000, 999_999, 1),
    ];
    let lines = [
        line(1, 10, "SM-A", 24, 12_000, 7_800),
        line(2, 11, "SM-B", 12, 5_988, 3_893),
        line(3, 10, "SM-A", 24, 12_000, 7_800),
        line(3, 11, "SM-B", 24, 11_952, 7_769),
    ];
    let a = summarise(partner, "USD", month("2026-11"), 3, &orders, &lines).unwrap();
    assert_eq!((a.from, a.to), (month("2026-09"), month("2026-11")));
    let per_month: Vec<(String, u64, u64, String, String, String)> = a
        .months
        .iter()
        .map(|m| {
            (
                m.month.to_string(),
                m.figures.orders,
                m.figures.units,
                m.figures.spend.amount.to_string(),
                m.figures.margin.amount.to_string(),
                m.figures.margin_percent.to_string(),
            )
        })
        .collect();
    let row = |m: &str, o, u, s: &str, g: &str, p: &str| {
        (m.to_owned(), o, u, s.to_owned(), g.to_owned(), p.to_owned())
    };
    assert_eq!(
        per_month,
        vec![
            // 179.88 retail − 116.93 spent = 62.95: 35.0% (34.996).
            row("2026-09", 2, 36, "116.93", "62.95", "35.0"),
            row("2026-10", 0, 0, "0.00", "0.00", "0.0"),
            row("2026-11", 1, 48, "155.69", "83.83", "35.0"),
        ]
    );
    assert_eq!(a.totals.orders, 3);
    assert_eq!(a.totals.units, 84);
    assert_eq!(a.totals.spend.amount, dec("272.62"));
    assert_eq!(a.totals.retail_value.amount, dec("419.40"));
    assert_eq!(a.totals.margin.amount, dec("146.78"));
    // 272.62 / 3 = 90.8733… → 90.87.
    assert_eq!(a.average_order.amount, dec("90.87"));

    // Products by spend: SM-A 156.00 (57.2% of 272.62), SM-B 116.62 (42.8%); orders counted once each.
    let products: Vec<(&str, u64, u64, String, String)> = a
        .products
        .iter()
        .map(|p| {
            (
                p.sku.as_str(),
                p.figures.orders,
                p.figures.units,
                p.figures.spend.amount.to_string(),
                p.share_percent.to_string(),
            )
        })
        .collect();
    assert_eq!(
        products,
        vec![
            ("SM-A", 2, 48, "156.00".to_owned(), "57.2".to_owned()),
            ("SM-B", 2, 36, "116.62".to_owned(), "42.8".to_owned()),
        ]
    );
}

#[test]
fn no_orders_is_a_window_of_zeros() {
    let a = summarise(Uuid::nil(), "JPY", month("2026-02"), 2, &[], &[]).unwrap();
    assert_eq!(a.months.len(), 2);
    assert_eq!(a.totals.orders, 0);
    assert_eq!(a.totals.margin_percent, Decimal::ZERO);
    assert_eq!(a.average_order.amount, Decimal::ZERO);
    assert_eq!(a.average_order.currency, "JPY");
    assert!(a.products.is_empty());
}
