//! Partner resources (issue 13 §6, seed 004 "Marketing Hub", "How-To Guide", "Financing",
//! "Integrations"): marketing assets a tier and above may download, the how-to video library
//! with each viewer's progress and rating, and the integrations an account has (connecting one
//! is a later step). The rules with a number in them are here.

mod records;
#[cfg(test)]
mod tests;

pub use records::*;

use crate::partners::PartnerTier;

crate::wire_enum! {
    pub enum AssetCategory {
        Poster = "poster" => "Posters",
        Social = "social" => "Social media",
        ShelfTalker = "shelf_talker" => "Shelf talkers",
        Video = "video" => "Videos",
        Logo = "logo" => "Logos",
        Brochure = "brochure" => "Brochures",
    }
}

crate::wire_enum! {
    pub enum VideoCategory {
        GettingStarted = "getting_started" => "Getting started",
        Ordering = "ordering" => "Ordering",
        Merchandising = "merchandising" => "Merchandising",
        Storage = "storage" => "Storage and handling",
        Marketing = "marketing" => "Marketing",
    }
}

crate::wire_enum! {
    /// Systems a partner connects (seed 004 `PartnerIntegration`).
    pub enum Provider {
        Square = "square" => "Square POS",
        Shopify = "shopify" => "Shopify",
        Lightspeed = "lightspeed" => "Lightspeed Retail",
        Quickbooks = "quickbooks" => "QuickBooks Online",
        Xero = "xero" => "Xero",
        Netsuite = "netsuite" => "NetSuite",
    }
}

impl Provider {
    /// What kind of system it is.
    pub const fn kind(self) -> &'static str {
        match self {
            Provider::Square | Provider::Lightspeed => "Point of sale",
            Provider::Shopify => "E-commerce",
            Provider::Quickbooks | Provider::Xero => "Accounting",
            Provider::Netsuite => "Inventory and ERP",
        }
    }
}

crate::wire_enum! {
    pub enum IntegrationStatus {
        Connected = "connected" => "Connected",
        /// Connected, but its last sync failed.
        Error = "error" => "Sync failing",
        NotConnected = "not_connected" => "Not connected",
    }
}

/// Where a tier stands: starter < growth < enterprise.
const fn rank(tier: PartnerTier) -> u8 {
    match tier {
        PartnerTier::Starter => 0,
        PartnerTier::Growth => 1,
        PartnerTier::Enterprise => 2,
    }
}

/// Whether an account on `tier` may have an asset for `min_tier` and above (none: every tier).
pub fn tier_reaches(tier: PartnerTier, min_tier: Option<PartnerTier>) -> bool {
    min_tier.is_none_or(|min| rank(tier) >= rank(min))
}

/// The tiers an asset for `min_tier` and above reaches.
pub fn tiers_reached(min_tier: Option<PartnerTier>) -> Vec<PartnerTier> {
    PartnerTier::ALL
        .iter()
        .copied()
        .filter(|t| tier_reaches(*t, min_tier))
        .collect()
}

/// A video counts as watched at 90% of its length (the credits are not the lesson).
pub const COMPLETED_PERCENT: u32 = 90;

/// Whether `watched` seconds of a `duration`-second video complete it.
pub fn completes(watched: u32, duration: u32) -> bool {
    u64::from(watched) * 100 >= u64::from(duration) * u64::from(COMPLETED_PERCENT)
}
