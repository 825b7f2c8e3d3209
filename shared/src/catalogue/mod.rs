//! The wholesale catalogue (issue 13 §2, seed 004 `Product`): what partners order, at their
//! tier's price off MSRP. What is pure — a tier's price, the margin a partner keeps selling at
//! MSRP, rounding a quantity up to whole cases and the minimum order — is here, so the
//! browser's cart and the server's order agree to the cent.

mod images;
mod records;
#[cfg(test)]
mod tests;

pub use images::*;
pub use records::*;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::Money;
use crate::money::{MoneyError, round_to_minor};

crate::wire_enum! {
    /// What kind of product it is (seed 004 categories).
    pub enum ProductCategory {
        Smoothie = "smoothie" => "Smoothies",
        IceCream = "ice_cream" => "Ice cream",
        Popsicle = "popsicle" => "Popsicles",
        FrozenMeal = "frozen_meal" => "Frozen meals",
        ProteinBar = "protein_bar" => "Protein bars",
        Other = "other" => "Other",
    }
}

/// A partner's unit price: MSRP less the tier's discount (whole percent), rounded to the
/// currency's minor unit, half away from zero.
pub fn tier_price(msrp: &Money, discount_percent: u32) -> Result<Money, MoneyError> {
    let keep = Decimal::from(100_u32.saturating_sub(discount_percent.min(100)));
    let amount = round_to_minor(msrp.amount * keep / Decimal::ONE_HUNDRED, &msrp.currency)?;
    Ok(Money::new(amount, msrp.currency.clone()))
}

/// The share of MSRP a partner keeps per unit when it sells at MSRP, in percent to one decimal
/// (half away from zero); 0 when MSRP is zero.
pub fn margin_percent(msrp: &Money, price: &Money) -> Decimal {
    if msrp.amount.is_zero() {
        return Decimal::ZERO;
    }
    ((msrp.amount - price.amount) * Decimal::ONE_HUNDRED / msrp.amount)
        .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
}

/// Why a quantity cannot be ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuantityError {
    /// Zero units asked for.
    Zero,
    /// Fewer than the minimum order, even in whole cases: `minimum` units (`minimum_in_cases`
    /// once rounded up to cases).
    BelowMinimum { minimum: u32, minimum_in_cases: u32 },
    /// More units than an order line may hold.
    TooMany,
}

impl std::fmt::Display for QuantityError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            QuantityError::Zero => f.write_str("must be at least 1"),
            QuantityError::BelowMinimum {
                minimum,
                minimum_in_cases,
            } => write!(
                f,
                "is below the minimum order of {minimum} units ({minimum_in_cases} in whole cases)"
            ),
            QuantityError::TooMany => write!(f, "may be at most {MAX_LINE_UNITS} units"),
        }
    }
}

/// The most units one order line holds.
pub const MAX_LINE_UNITS: u32 = 1_000_000;

/// `units` rounded up to whole cases of `case_pack` (a case pack of 0 counts as 1).
pub fn in_whole_cases(units: u32, case_pack: u32) -> u32 {
    let pack = case_pack.max(1);
    units.div_ceil(pack).saturating_mul(pack)
}

/// The units shipped for `requested`: rounded up to whole cases, and at least the product's
/// minimum order (which is refused, not silently raised: the partner chose the quantity).
pub fn order_quantity(requested: u32, case_pack: u32, minimum: u32) -> Result<u32, QuantityError> {
    if requested == 0 {
        return Err(QuantityError::Zero);
    }
    if requested > MAX_LINE_UNITS {
        return Err(QuantityError::TooMany);
    }
    let units = in_whole_cases(requested, case_pack);
    if units < minimum {
        return Err(QuantityError::BelowMinimum {
            minimum,
            minimum_in_cases: in_whole_cases(minimum, case_pack),
        });
    }
    Ok(units)
}

/// Whether stock has fallen to the reorder point.
pub fn needs_reorder(stock: i64, reorder_point: u32) -> bool {
    stock <= i64::from(reorder_point)
}

/// SKUs are compared and stored upper-case, trimmed.
pub fn sku_key(sku: &str) -> String {
    sku.trim().to_uppercase()
}
