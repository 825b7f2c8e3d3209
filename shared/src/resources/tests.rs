use super::*;
use crate::partners::PartnerTier::*;

#[test]
fn an_asset_reaches_its_tier_and_those_above() {
    // (account's tier, asset's lowest tier, may have it)
    let table = [
        (Starter, None, true),
        (Starter, Some(Starter), true),
        (Starter, Some(Growth), false),
        (Growth, Some(Growth), true),
        (Growth, Some(Enterprise), false),
        (Enterprise, Some(Growth), true),
        (Enterprise, Some(Enterprise), true),
    ];
    for (tier, min, reaches) in table {
        assert_eq!(tier_reaches(tier, min), reaches, "{tier} for {min:?}");
    }
    assert_eq!(tiers_reached(Some(Growth)), [Growth, Enterprise]);
    assert_eq!(tiers_reached(None), [Starter, Growth, Enterprise]);
}

#[test]
fn a_video_is_completed_at_ninety_percent() {
    // (watched, duration, completed)
    for (watched, duration, done) in [
        (0, 600, false),
        (539, 600, false),
        (540, 600, true), // exactly 90%
        (600, 600, true),
        (89, 100, false),
        (90, 100, true),
        (1, 1, true),
        (0, 1, false),
    ] {
        assert_eq!(completes(watched, duration), done, "{watched}/{duration}");
    }
}

#[test]
fn addresses_are_https_without_spaces() {
    use crate::validate::https_url;
    for (url, ok) in [
        ("https://cdn.example.com/poster.pdf", true),
        ("https://x", true),
        ("http://cdn.example.com/a.pdf", false),
        ("https://", false),
        ("https://cdn.example.com/a b.pdf", false),
        ("https://cdn.example.com/\u{feff}", false),
        ("https://cdn.example.com/\0", false),
        (" https://cdn.example.com", false),
    ] {
        assert_eq!(https_url(&url, &()).is_ok(), ok, "{url:?}");
    }
}
