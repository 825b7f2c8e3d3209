//! Orders as the API shows them, the cart's price, and the requests that price, place, move
//! and list orders.

use chrono::{DateTime, Utc};
use garde::Validate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::OrderStatus;
use crate::Money;
use crate::partners::{PaymentTerms, PostalAddress};
use crate::validate::{self, NAME_MAX};

/// One line of a cart: a product and how many units the partner asks for (rounded up to whole
/// cases when priced).
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CartItem {
    #[garde(skip)]
    pub product_id: Uuid,
    /// Units, 1–1,000,000.
    #[garde(range(min = 1, max = 1_000_000))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1000000))]
    pub quantity: u32,
}

/// A cart to price: the partner account and its lines.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct QuoteRequest {
    /// The account ordering; a partner user's own account when left out.
    #[serde(default)]
    #[garde(skip)]
    pub partner_id: Option<Uuid>,
    /// 1–100 lines, each product once.
    #[garde(length(min = 1, max = 100), dive)]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 100))]
    pub items: Vec<CartItem>,
}

/// Where an order goes: the address and what the driver needs to know at the dock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ShipTo {
    #[garde(length(chars, min = 1, max = NAME_MAX), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub recipient_name: String,
    #[garde(dive)]
    pub address: PostalAddress,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 1000), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 1000, pattern = r"\S")
    )]
    pub dock_instructions: Option<String>,
    /// e.g. `Mon–Fri 8am–5pm`.
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 100), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 100, pattern = r"\S")
    )]
    pub dock_hours: Option<String>,
    #[serde(default)]
    #[garde(skip)]
    pub requires_appointment: bool,
}

/// An order to place: the cart, and what the partner's paperwork needs.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PlaceOrderRequest {
    /// The account ordering; a partner user's own account when left out.
    #[serde(default)]
    #[garde(skip)]
    pub partner_id: Option<Uuid>,
    /// 1–100 lines, each product once.
    #[garde(length(min = 1, max = 100), dive)]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 100))]
    pub items: Vec<CartItem>,
    /// The partner's purchase order number.
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 64), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 64, pattern = r"\S")
    )]
    pub po_number: Option<String>,
    /// Where it goes, given here. Default: the saved address `shipping_address_id`, else the
    /// account's default saved address, else its business address to its contact.
    #[serde(default)]
    #[garde(dive)]
    pub ship_to: Option<ShipTo>,
    /// One of the account's saved addresses (not with `ship_to`).
    #[serde(default)]
    #[garde(skip)]
    pub shipping_address_id: Option<Uuid>,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 2000), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 2000, pattern = r"\S")
    )]
    pub special_instructions: Option<String>,
}

/// A priced line: what the partner asked for, what ships (whole cases), at what price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PricedLine {
    pub product_id: Uuid,
    pub sku: String,
    pub name: String,
    /// Units asked for.
    pub requested: u32,
    /// Units ordered: rounded up to whole cases.
    pub quantity: u32,
    pub cases: u32,
    pub case_pack: u32,
    pub unit_msrp: Money,
    /// MSRP less the tier's discount.
    pub unit_price: Money,
    /// What the partner keeps per unit selling at MSRP, percent of MSRP.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "25.0"))]
    #[serde(with = "rust_decimal::serde::str")]
    pub margin_percent: Decimal,
    /// Unit price × units.
    pub subtotal: Money,
}

/// A cart priced at a tier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PricedCart {
    pub lines: Vec<PricedLine>,
    pub units: u64,
    /// The tier's discount off MSRP, whole percent.
    pub discount_percent: u32,
    /// The units at MSRP.
    pub msrp_total: Money,
    /// MSRP total less the subtotal.
    pub discount: Money,
    /// What the partner pays: the lines' subtotals.
    pub subtotal: Money,
}

/// A partner's credit as an order sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Credit {
    pub payment_terms: PaymentTerms,
    pub limit: Money,
    /// Unpaid orders that are not cancelled.
    pub open_balance: Money,
    /// The limit less the open balance, never below zero.
    pub available: Money,
}

/// A cart's price, and whether the account may place it now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quote {
    pub partner_id: Uuid,
    pub cart: PricedCart,
    pub credit: Credit,
    /// Why it cannot be placed as it is (the account is not active, the subtotal exceeds the
    /// available credit); empty when it can.
    pub blockers: Vec<String>,
}

/// A line of a placed order, priced as it was placed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderLine {
    pub product_id: Uuid,
    pub sku: String,
    pub name: String,
    pub quantity: u32,
    pub case_pack: u32,
    pub unit_msrp: Money,
    pub unit_price: Money,
    pub subtotal: Money,
}

/// One change of an order's status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderEvent {
    /// `null` for the order being placed.
    pub from: Option<OrderStatus>,
    pub to: OrderStatus,
    pub by: Option<Uuid>,
    pub by_name: Option<String>,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

/// A partner order, whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Order {
    pub id: Uuid,
    /// `ORD-10001`, in order of placing.
    pub number: String,
    pub partner_id: Uuid,
    pub partner_name: String,
    /// The rep looking after the account when it was placed (paid on it).
    pub rep_id: Option<Uuid>,
    pub status: OrderStatus,
    pub lines: Vec<OrderLine>,
    pub units: u64,
    /// The tier's discount off MSRP when placed, whole percent.
    pub discount_percent: u32,
    pub msrp_total: Money,
    pub discount: Money,
    pub subtotal: Money,
    pub payment_terms: PaymentTerms,
    pub paid_at: Option<DateTime<Utc>>,
    /// Its invoice (`GET /partner-invoices/{id}`), issued when it was placed.
    pub invoice_id: Option<Uuid>,
    /// The invoice's `INV-…` number.
    pub invoice_number: Option<String>,
    pub po_number: Option<String>,
    pub ship_to: ShipTo,
    pub special_instructions: Option<String>,
    pub placed_by: Option<Uuid>,
    /// Every status it has been in, oldest first.
    pub history: Vec<OrderEvent>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An order as a list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderSummary {
    pub id: Uuid,
    pub number: String,
    pub partner_id: Uuid,
    pub partner_name: String,
    pub status: OrderStatus,
    pub units: u64,
    pub subtotal: Money,
    pub po_number: Option<String>,
    pub paid_at: Option<DateTime<Utc>>,
    /// For a status change from the list (`If-Match`).
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Move an order on: the next step of the pipeline (the back office), or cancel it (the back
/// office before it ships; the partner and its rep while it is pending).
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrderStatusRequest {
    #[garde(skip)]
    pub status: OrderStatus,
    /// Required to cancel.
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 2000), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 2000, pattern = r"\S")
    )]
    pub note: Option<String>,
    #[serde(default)]
    #[garde(skip)]
    pub version: Option<i64>,
}

/// Which orders to list, newest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct OrderListQuery {
    pub status: Option<OrderStatus>,
    pub partner_id: Option<Uuid>,
    /// An order number or PO number, or part of one (case-insensitive).
    pub q: Option<String>,
    /// Page size, 1–200 (default 50).
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}
