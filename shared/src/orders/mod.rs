//! Partner orders (issue 13 §3, seed 004 `Order`, `OrderItem`): a cart priced at the partner's
//! tier, rounded to whole cases, checked against the minimum order and the partner's credit,
//! then moved along pending → confirmed → production → quality check → shipped → delivered (or
//! cancelled). What is pure — pricing a cart, which status follows which, what holds stock,
//! what a credit limit leaves — is here, so the cart's preview and the order agree to the cent.

mod records;
#[cfg(test)]
mod tests;

pub use records::*;

use rust_decimal::Decimal;
use uuid::Uuid;

use crate::Money;
use crate::catalogue::{QuantityError, margin_percent, order_quantity, tier_price};
use crate::money::MoneyError;

crate::wire_enum! {
    /// Where an order stands (seed 004).
    pub enum OrderStatus {
        /// Placed, waiting for the back office to confirm it.
        Pending = "pending" => "Pending",
        /// Accepted: its stock is reserved.
        Confirmed = "confirmed" => "Confirmed",
        Production = "production" => "In production",
        QualityCheck = "quality_check" => "Quality check",
        Shipped = "shipped" => "Shipped",
        Delivered = "delivered" => "Delivered",
        Cancelled = "cancelled" => "Cancelled",
    }
}

impl OrderStatus {
    /// The step after this one in the fulfilment pipeline (`None` once delivered or cancelled).
    pub const fn next(self) -> Option<OrderStatus> {
        use OrderStatus::*;
        match self {
            Pending => Some(Confirmed),
            Confirmed => Some(Production),
            Production => Some(QualityCheck),
            QualityCheck => Some(Shipped),
            Shipped => Some(Delivered),
            Delivered | Cancelled => None,
        }
    }

    /// Whether an order in this status may be put in `to`: the next step, or cancelled before
    /// it ships.
    pub fn may_become(self, to: OrderStatus) -> bool {
        self.next() == Some(to) || (to == OrderStatus::Cancelled && self.cancellable())
    }

    /// Whether it may still be cancelled: anything not yet shipped.
    pub const fn cancellable(self) -> bool {
        use OrderStatus::*;
        matches!(self, Pending | Confirmed | Production | QualityCheck)
    }

    /// Whether its units are reserved out of stock: from confirmation until it ships (when they
    /// leave). Cancelling such an order puts them back.
    pub const fn holds_stock(self) -> bool {
        use OrderStatus::*;
        matches!(self, Confirmed | Production | QualityCheck)
    }

    /// Whether the partner's users are told when its order reaches it (seed 004 "Order
    /// confirmed / shipped / delivered"; and cancelled, which they may not have asked for).
    pub const fn tells_partner(self) -> bool {
        use OrderStatus::*;
        matches!(self, Confirmed | Shipped | Delivered | Cancelled)
    }

    /// Whether it still counts against the partner's credit while unpaid.
    pub const fn uses_credit(self) -> bool {
        !matches!(self, OrderStatus::Cancelled)
    }
}

/// A product as the cart prices it.
#[derive(Debug, Clone, PartialEq)]
pub struct PricedProduct {
    pub id: Uuid,
    pub sku: String,
    pub name: String,
    pub msrp: Money,
    pub case_pack: u32,
    pub min_order_qty: u32,
    pub active: bool,
}

/// Why a cart's line cannot be priced: the line's index and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineError {
    Quantity(usize, QuantityError),
    /// The product is no longer sold.
    Inactive(usize),
    /// The same product on two lines (the later index).
    Repeated(usize),
    /// Prices in another currency than the first line's.
    Currency(usize),
    /// An amount out of range.
    Money(usize, MoneyError),
}

impl LineError {
    /// Whether the request itself is wrong (a 422), rather than at odds with the catalogue as
    /// it stands (a product's minimum order, a product no longer sold: a 409).
    pub fn is_request_error(&self) -> bool {
        matches!(
            self,
            LineError::Repeated(_)
                | LineError::Quantity(_, QuantityError::Zero | QuantityError::TooMany)
        )
    }

    /// The request field it names (`items[2].quantity`) and what to say.
    pub fn field_and_message(&self) -> (String, String) {
        match self {
            LineError::Quantity(i, e) => (format!("items[{i}].quantity"), e.to_string()),
            LineError::Inactive(i) => (
                format!("items[{i}].product_id"),
                "is a product no longer sold".into(),
            ),
            LineError::Repeated(i) => (
                format!("items[{i}].product_id"),
                "appears on an earlier line; order it once".into(),
            ),
            LineError::Currency(i) => (
                format!("items[{i}].product_id"),
                "is priced in another currency".into(),
            ),
            LineError::Money(i, e) => (format!("items[{i}].quantity"), e.to_string()),
        }
    }
}

/// Prices a cart at a tier's discount: each line rounded up to whole cases and checked against
/// the minimum order, priced per unit at MSRP less the discount (rounded to the cent), its
/// subtotal the unit price times the units; the order's subtotal is the lines' sum.
pub fn price_cart(
    lines: &[(PricedProduct, u32)],
    discount_percent: u32,
) -> Result<PricedCart, LineError> {
    let currency = lines
        .first()
        .map(|(p, _)| p.msrp.currency.clone())
        .unwrap_or_default();
    let mut out = Vec::with_capacity(lines.len());
    let (mut subtotal, mut msrp_total, mut units) = (Decimal::ZERO, Decimal::ZERO, 0_u64);
    for (i, (product, requested)) in lines.iter().enumerate() {
        if lines[..i].iter().any(|(p, _)| p.id == product.id) {
            return Err(LineError::Repeated(i));
        }
        if !product.active {
            return Err(LineError::Inactive(i));
        }
        if product.msrp.currency != currency {
            return Err(LineError::Currency(i));
        }
        let quantity = order_quantity(*requested, product.case_pack, product.min_order_qty)
            .map_err(|e| LineError::Quantity(i, e))?;
        let unit_price =
            tier_price(&product.msrp, discount_percent).map_err(|e| LineError::Money(i, e))?;
        let count = Decimal::from(quantity);
        let line_total = unit_price.amount * count;
        subtotal += line_total;
        msrp_total += product.msrp.amount * count;
        units += u64::from(quantity);
        let at_scale =
            |amount: Decimal| scaled(amount, &currency).map_err(|e| LineError::Money(i, e));
        out.push(PricedLine {
            product_id: product.id,
            sku: product.sku.clone(),
            name: product.name.clone(),
            requested: *requested,
            quantity,
            cases: quantity / product.case_pack.max(1),
            case_pack: product.case_pack.max(1),
            unit_msrp: product.msrp.clone(),
            margin_percent: margin_percent(&product.msrp, &unit_price),
            unit_price,
            subtotal: at_scale(line_total)?,
        });
    }
    let at_scale = |amount: Decimal| scaled(amount, &currency).map_err(|e| LineError::Money(0, e));
    Ok(PricedCart {
        discount_percent,
        units,
        msrp_total: at_scale(msrp_total)?,
        discount: at_scale(msrp_total - subtotal)?,
        subtotal: at_scale(subtotal)?,
        lines: out,
    })
}

/// `amount` as money written with exactly the currency's minor digits (`0` USD → `0.00`).
fn scaled(mut amount: Decimal, currency: &str) -> Result<Money, MoneyError> {
    amount.rescale(crate::money::minor_unit_digits(currency)?);
    Ok(Money::new(amount, currency))
}

/// What a partner may still order on credit: its limit less what it owes on open orders, never
/// below zero.
pub fn available_credit(limit: &Money, open_balance: &Money) -> Money {
    // Zero written with the limit's cents.
    let mut zero = Decimal::ZERO;
    zero.rescale(limit.amount.scale());
    let left = (limit.amount - open_balance.amount).max(zero);
    Money::new(left, limit.currency.clone())
}
