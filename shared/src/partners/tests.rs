use super::*;

#[test]
fn statuses_follow_the_account_lifecycle() {
    use PartnerStatus::*;
    // (from, to, allowed by a status change)
    let table = [
        (Pending, Active, false), // approval is its own step
        (Pending, Suspended, false),
        (Pending, Closed, true), // an application declined
        (Active, Suspended, true),
        (Active, Closed, true),
        (Active, Pending, false),
        (Active, Active, false),
        (Suspended, Active, true),
        (Suspended, Closed, true),
        (Suspended, Pending, false),
        (Closed, Active, false),
        (Closed, Suspended, false),
        (Closed, Pending, false),
    ];
    for (from, to, allowed) in table {
        assert_eq!(from.may_become(to), allowed, "{from} → {to}");
    }
    assert!(Suspended.needs_reason() && Closed.needs_reason());
    assert!(!Active.needs_reason() && !Pending.needs_reason());
}

#[test]
fn tiers_discount_by_settings() {
    let seed = PartnerTiers::default();
    let table = [
        (PartnerTier::Starter, 25),
        (PartnerTier::Growth, 35),
        (PartnerTier::Enterprise, 40),
    ];
    for (tier, percent) in table {
        assert_eq!(seed.discount(tier), percent, "{tier}");
    }
    let custom = PartnerTiers {
        starter_discount_percent: 10,
        growth_discount_percent: 20,
        enterprise_discount_percent: 30,
    };
    assert_eq!(custom.discount(PartnerTier::Growth), 20);
}

#[test]
fn payment_terms_give_the_days_to_pay() {
    let table = [
        (PaymentTerms::Net30, 30),
        (PaymentTerms::Net60, 60),
        (PaymentTerms::Prepaid, 0),
    ];
    for (terms, days) in table {
        assert_eq!(terms.days(), days, "{terms}");
    }
}

#[test]
fn business_names_compare_without_case_or_spacing() {
    let table = [
        ("Becker Fine Foods", "becker fine foods"),
        ("  Becker   Fine\tFoods ", "becker fine foods"),
        ("ÉPICERIE Lumière", "épicerie lumière"),
    ];
    for (name, key) in table {
        assert_eq!(name_key(name), key, "{name:?}");
    }
}

#[test]
fn stats_average_the_orders_and_leave_credit() {
    let limit = crate::Money::new("5000.00".parse().unwrap(), "USD");
    // (orders, value, unpaid (cents), average, available)
    let table = [
        (0, 0, 0, "0.00", "5000.00"),
        (3, 100_000, 0, "333.33", "5000.00"),
        (3, 200_000, 100_000, "666.67", "4000.00"), // 666.666… rounds half away from zero
        (2, 900_000, 600_000, "4500.00", "0.00"),   // more owed than the limit: none left
    ];
    for (orders, value, unpaid, average, available) in table {
        let s = stats(orders, value, unpaid, &limit, None).unwrap();
        assert_eq!(
            s.average_order.amount.to_string(),
            average,
            "{orders} orders of {value}"
        );
        assert_eq!(
            s.available_credit.amount.to_string(),
            available,
            "{unpaid} unpaid"
        );
    }
}
