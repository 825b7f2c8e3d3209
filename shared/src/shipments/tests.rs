use super::*;

#[test]
fn tracking_moves_forward_into_and_out_of_exceptions() {
    use ShipmentStatus::*;
    // (from, to, allowed)
    let table = [
        (Pending, PickedUp, true),
        (Pending, InTransit, true),   // a carrier may skip a scan
        (InTransit, InTransit, true), // another scan on the way
        (InTransit, PickedUp, false), // never backwards
        (OutForDelivery, Delivered, true),
        (InTransit, Exception, true),
        (Pending, Exception, true),
        (Exception, InTransit, true),
        (Exception, OutForDelivery, true),
        (Exception, Delivered, true),
        (Exception, PickedUp, false),
        (Exception, Exception, true),
        (Delivered, Exception, false), // delivered is final
        (Delivered, Delivered, false),
    ];
    for (from, to, allowed) in table {
        assert_eq!(from.may_become(to), allowed, "{from} → {to}");
    }
}

#[test]
fn temperatures_read_and_print_to_a_tenth() {
    // (text, tenths)
    for (text, tenths, printed) in [
        ("-10.5", -105, "-10.5"),
        ("-10", -100, "-10.0"),
        ("0", 0, "0.0"),
        ("-0.5", -5, "-0.5"),
        ("32.0", 320, "32.0"),
        ("999.9", 9999, "999.9"),
    ] {
        let t: Fahrenheit = text.parse().unwrap();
        assert_eq!(t.tenths(), tenths, "{text}");
        assert_eq!(t.to_string(), printed);
    }
    for bad in [
        "", "-", "1.25", "1000", "+5", ".5", "5.", "1e2", "--1", " 1",
    ] {
        assert!(bad.parse::<Fahrenheit>().is_err(), "{bad:?}");
    }
}

#[test]
fn excursions_are_warmer_than_target_plus_tolerance() {
    let t = |s: &str| s.parse::<Fahrenheit>().unwrap();
    // (reading, target, tolerance, excursion)
    for (reading, target, tolerance, excursion) in [
        ("-10.0", "-10.0", "5.0", false),
        ("-5.0", "-10.0", "5.0", false), // at the limit: not yet
        ("-4.9", "-10.0", "5.0", true),
        ("-20.0", "-10.0", "5.0", false), // colder is never flagged
        ("35.0", "34.0", "0", true),
        ("34.0", "34.0", "0", false),
    ] {
        assert_eq!(
            is_excursion(t(reading), t(target), t(tolerance)),
            excursion,
            "{reading} vs {target} ± {tolerance}"
        );
    }
    assert_eq!(DEFAULT_TARGET, t("-10.0"));
    assert_eq!(DEFAULT_TOLERANCE, t("5.0"));
}
