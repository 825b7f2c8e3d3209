//! Wholesale partner accounts (seed 004 `WholesalePartner`, "PART 1: B2B PARTNER PORTAL"): a
//! business applies, an admin approves it with a tier, a credit limit and payment terms, and
//! its users order at the tier's discount. What is pure — the tiers' discounts, which status
//! may follow which — is here; the server keeps the accounts.

mod addresses;
mod records;
#[cfg(test)]
mod tests;

pub use addresses::*;
pub use records::*;

use garde::Validate;
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// What kind of business the partner runs.
    pub enum BusinessType {
        Grocery = "grocery" => "Grocery",
        Cafe = "cafe" => "Café",
        Restaurant = "restaurant" => "Restaurant",
        Gym = "gym" => "Gym",
        Convenience = "convenience" => "Convenience store",
        Other = "other" => "Other",
    }
}

crate::wire_enum! {
    /// The partner's tier: its discount off MSRP (settings `partner_tiers`).
    pub enum PartnerTier {
        Starter = "starter" => "Starter",
        Growth = "growth" => "Growth",
        Enterprise = "enterprise" => "Enterprise",
    }
}

crate::wire_enum! {
    /// When the partner pays an invoice.
    pub enum PaymentTerms {
        /// 30 days after the invoice.
        Net30 = "net30" => "NET 30",
        /// 60 days after the invoice.
        Net60 = "net60" => "NET 60",
        /// Before the order is confirmed.
        Prepaid = "prepaid" => "Prepaid",
    }
}

impl PaymentTerms {
    /// Days from the invoice to its due date.
    pub const fn days(self) -> u32 {
        match self {
            PaymentTerms::Net30 => 30,
            PaymentTerms::Net60 => 60,
            PaymentTerms::Prepaid => 0,
        }
    }
}

crate::wire_enum! {
    pub enum PartnerStatus {
        /// Applied, waiting for an admin's approval.
        Pending = "pending" => "Pending",
        /// Approved: its users order.
        Active = "active" => "Active",
        /// Orders stopped for now (overdue invoices, a dispute); may be reactivated.
        Suspended = "suspended" => "Suspended",
        /// Ended for good (or an application declined).
        Closed = "closed" => "Closed",
    }
}

impl PartnerStatus {
    /// Whether an account in this status may be put in `next` by a status change. Approval
    /// (pending → active) is its own step, since it sets the tier, the credit and the terms.
    pub fn may_become(self, next: PartnerStatus) -> bool {
        use PartnerStatus::*;
        matches!(
            (self, next),
            (Pending, Closed)
                | (Active, Suspended)
                | (Active, Closed)
                | (Suspended, Active)
                | (Suspended, Closed)
        )
    }

    /// Whether a status change to this status must say why.
    pub fn needs_reason(self) -> bool {
        matches!(self, PartnerStatus::Suspended | PartnerStatus::Closed)
    }
}

/// The discount off MSRP of each tier, in whole percent (settings; seed 004: 25 / 35 / 40).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PartnerTiers {
    #[garde(range(min = 0, max = 90))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 90))]
    pub starter_discount_percent: u32,
    #[garde(range(min = 0, max = 90))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 90))]
    pub growth_discount_percent: u32,
    #[garde(range(min = 0, max = 90))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 90))]
    pub enterprise_discount_percent: u32,
}

impl Default for PartnerTiers {
    fn default() -> Self {
        PartnerTiers {
            starter_discount_percent: 25,
            growth_discount_percent: 35,
            enterprise_discount_percent: 40,
        }
    }
}

impl PartnerTiers {
    /// The discount of `tier`, in whole percent.
    pub fn discount(&self, tier: PartnerTier) -> u32 {
        match tier {
            PartnerTier::Starter => self.starter_discount_percent,
            PartnerTier::Growth => self.growth_discount_percent,
            PartnerTier::Enterprise => self.enterprise_discount_percent,
        }
    }
}

/// An account's order statistics from its totals (minor units of `limit`'s currency): the
/// average rounded to the minor unit, half away from zero; the available credit as
/// [`crate::orders::available_credit`] says.
pub fn stats(
    orders: u64,
    value_minor: i64,
    unpaid_minor: i64,
    limit: &crate::Money,
    last_order_at: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<PartnerStats, crate::money::MoneyError> {
    let money = |minor: i64| crate::Money::from_minor(minor, &limit.currency);
    let lifetime_value = money(value_minor)?;
    let average = if orders == 0 {
        money(0)?
    } else {
        let mean = lifetime_value.amount / rust_decimal::Decimal::from(orders);
        let mut rounded = crate::money::round_to_minor(mean, &limit.currency)?;
        rounded.rescale(lifetime_value.amount.scale());
        crate::Money::new(rounded, limit.currency.clone())
    };
    let open_balance = money(unpaid_minor)?;
    Ok(PartnerStats {
        orders,
        available_credit: crate::orders::available_credit(limit, &open_balance),
        average_order: average,
        lifetime_value,
        open_balance,
        last_order_at,
    })
}

/// The business name as it is compared for duplicates: trimmed, inner runs of white space
/// folded to one space, lower-cased.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
