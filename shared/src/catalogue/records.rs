//! Products as the API shows them, and the requests that add, change, restock and list them.

use chrono::{DateTime, Utc};
use garde::Validate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{ProductCategory, ProductImage};
use crate::Money;
use crate::partners::PartnerTier;
use crate::validate::{self, NAME_MAX};

fn price(value: &Money, _ctx: &()) -> garde::Result {
    validate::money(value)
}

fn opt_price(value: &Option<Money>, _ctx: &()) -> garde::Result {
    validate::opt_money(value, &())
}

/// The most characters of one label in a list (allergens, certifications).
pub const LABEL_MAX_CHARS: usize = 100;

/// A list of labels (allergens, certifications): at most 30, each 1–100 characters. They are
/// stored trimmed; one that is only white space is dropped.
fn labels(value: &[String], _ctx: &()) -> garde::Result {
    if value.len() > 30 {
        return Err(garde::Error::new("may hold at most 30 entries"));
    }
    if value
        .iter()
        .any(|v| v.is_empty() || v.chars().count() > LABEL_MAX_CHARS)
    {
        return Err(garde::Error::new("each entry must be 1–100 characters"));
    }
    Ok(())
}

fn opt_labels(value: &Option<Vec<String>>, _ctx: &()) -> garde::Result {
    value.as_deref().map_or(Ok(()), |v| labels(v, &()))
}

/// Nutrition facts per serving.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Nutrition {
    /// e.g. `12 oz`.
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 50), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 50, pattern = r"\S")
    )]
    pub serving_size: Option<String>,
    #[serde(default)]
    #[garde(inner(range(max = 10_000)))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 10000))]
    pub calories: Option<u32>,
    /// Grams.
    #[serde(default)]
    #[garde(inner(range(max = 1_000)))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1000))]
    pub protein_g: Option<u32>,
    #[serde(default)]
    #[garde(inner(range(max = 1_000)))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1000))]
    pub carbs_g: Option<u32>,
    #[serde(default)]
    #[garde(inner(range(max = 1_000)))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1000))]
    pub fat_g: Option<u32>,
    #[serde(default)]
    #[garde(inner(range(max = 1_000)))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1000))]
    pub sugar_g: Option<u32>,
}

/// One tier's price of a product, and what a partner on it keeps selling at MSRP.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TierPrice {
    pub tier: PartnerTier,
    /// The tier's discount off MSRP (settings), whole percent.
    pub discount_percent: u32,
    pub price: Money,
    /// MSRP less the price: the partner's margin per unit at MSRP.
    pub margin: Money,
    /// The margin as a share of MSRP, percent to one decimal.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "25.0"))]
    #[serde(with = "rust_decimal::serde::str")]
    pub margin_percent: Decimal,
}

/// A product of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Product {
    pub id: Uuid,
    /// Unique, upper-case.
    pub sku: String,
    pub name: String,
    pub category: ProductCategory,
    pub subcategory: Option<String>,
    pub description: Option<String>,
    /// Manufacturer's suggested retail price, per unit.
    pub msrp: Money,
    /// The base wholesale list price, per unit (before any tier).
    pub wholesale_price: Money,
    /// What a unit costs to make: the back office only (`null` for everyone else).
    pub cost: Option<Money>,
    /// Every tier's price, off MSRP by the tier's discount in today's settings.
    pub tier_prices: Vec<TierPrice>,
    /// The caller's own price, when the caller is a partner user (its account's tier).
    pub your_price: Option<TierPrice>,
    /// Units per case: orders are rounded up to whole cases.
    pub case_pack: u32,
    /// The fewest units an order line may hold.
    pub min_order_qty: u32,
    /// Units on hand and not reserved by a confirmed order.
    pub stock: i64,
    pub reorder_point: u32,
    /// Stock is at or below the reorder point.
    pub needs_reorder: bool,
    pub allergens: Vec<String>,
    pub certifications: Vec<String>,
    pub nutrition: Nutrition,
    /// e.g. `-10°F to 0°F`.
    pub storage_temp: Option<String>,
    pub shelf_life_days: u32,
    /// An inactive product is not sold (it stays on past orders).
    pub active: bool,
    /// Its pictures, the product's own first.
    pub images: Vec<ProductImage>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new product. Prices are in the organisation's currency.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateProductRequest {
    /// Letters, digits and `-`; stored upper-case, unique.
    #[garde(
        length(chars, min = 1, max = 40),
        pattern(r"^[A-Za-z0-9][A-Za-z0-9-]*$")
    )]
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 40,
            pattern = r"^[A-Za-z0-9][A-Za-z0-9-]*$"
        )
    )]
    pub sku: String,
    #[garde(length(chars, min = 1, max = NAME_MAX), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub name: String,
    #[garde(skip)]
    pub category: ProductCategory,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 100), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 100, pattern = r"\S")
    )]
    pub subcategory: Option<String>,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 5000), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 5000, pattern = r"\S")
    )]
    pub description: Option<String>,
    #[garde(custom(price))]
    pub msrp: Money,
    #[garde(custom(price))]
    pub wholesale_price: Money,
    #[garde(custom(price))]
    pub cost: Money,
    /// Units per case, 1–10,000.
    #[garde(range(min = 1, max = 10_000))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 10000))]
    pub case_pack: u32,
    /// 1–1,000,000 units.
    #[garde(range(min = 1, max = 1_000_000))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1000000))]
    pub min_order_qty: u32,
    /// Units on hand to start with; later changes are stock adjustments.
    #[serde(default)]
    #[garde(range(max = 100_000_000))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100000000))]
    pub stock: u32,
    #[serde(default)]
    #[garde(range(max = 100_000_000))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100000000))]
    pub reorder_point: u32,
    #[serde(default)]
    #[garde(custom(labels))]
    #[cfg_attr(feature = "openapi", schema(max_items = 30))]
    pub allergens: Vec<String>,
    #[serde(default)]
    #[garde(custom(labels))]
    #[cfg_attr(feature = "openapi", schema(max_items = 30))]
    pub certifications: Vec<String>,
    #[serde(default, deserialize_with = "crate::wire::object")]
    #[garde(dive)]
    pub nutrition: Nutrition,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 100), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 100, pattern = r"\S")
    )]
    pub storage_temp: Option<String>,
    /// 1–3,650 days (default 365).
    #[serde(default = "default_shelf_life")]
    #[garde(range(min = 1, max = 3650))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 3650))]
    pub shelf_life_days: u32,
}

fn default_shelf_life() -> u32 {
    365
}

/// Changes to a product (admins). Stock changes are adjustments (`POST /products/{id}/stock`),
/// so a confirmed order's reservation is never overwritten by an edit.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateProductRequest {
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = NAME_MAX), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub name: Option<String>,
    #[serde(default)]
    #[garde(skip)]
    pub category: Option<ProductCategory>,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 100), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 100, pattern = r"\S")
    )]
    pub subcategory: Option<String>,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 5000), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 5000, pattern = r"\S")
    )]
    pub description: Option<String>,
    #[serde(default)]
    #[garde(custom(opt_price))]
    pub msrp: Option<Money>,
    #[serde(default)]
    #[garde(custom(opt_price))]
    pub wholesale_price: Option<Money>,
    #[serde(default)]
    #[garde(custom(opt_price))]
    pub cost: Option<Money>,
    #[serde(default)]
    #[garde(inner(range(min = 1, max = 10_000)))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 10000))]
    pub case_pack: Option<u32>,
    #[serde(default)]
    #[garde(inner(range(min = 1, max = 1_000_000)))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1000000))]
    pub min_order_qty: Option<u32>,
    #[serde(default)]
    #[garde(inner(range(max = 100_000_000)))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100000000))]
    pub reorder_point: Option<u32>,
    #[serde(default)]
    #[garde(custom(opt_labels))]
    #[cfg_attr(feature = "openapi", schema(max_items = 30))]
    pub allergens: Option<Vec<String>>,
    #[serde(default)]
    #[garde(custom(opt_labels))]
    #[cfg_attr(feature = "openapi", schema(max_items = 30))]
    pub certifications: Option<Vec<String>>,
    #[serde(default, deserialize_with = "crate::wire::opt_object")]
    #[garde(dive)]
    pub nutrition: Option<Nutrition>,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 100), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 100, pattern = r"\S")
    )]
    pub storage_temp: Option<String>,
    #[serde(default)]
    #[garde(inner(range(min = 1, max = 3650)))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 3650))]
    pub shelf_life_days: Option<u32>,
    #[serde(default)]
    #[garde(skip)]
    pub active: Option<bool>,
    #[serde(default)]
    #[garde(skip)]
    pub version: Option<i64>,
}

/// A stock adjustment: units received (positive) or written off (negative), with why.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StockAdjustmentRequest {
    /// Units added (received) or removed (damaged, counted short); 0 records a count that
    /// found the stock right. Stock never goes below zero.
    #[garde(range(min = -100_000_000, max = 100_000_000))]
    #[cfg_attr(feature = "openapi", schema(minimum = -100000000, maximum = 100000000))]
    pub change: i64,
    #[garde(length(chars, min = 1, max = 500), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 500, pattern = r"\S")
    )]
    pub reason: String,
}

/// Which products to list.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ProductListQuery {
    pub category: Option<ProductCategory>,
    /// Case-insensitive search over name and SKU.
    pub q: Option<String>,
    /// Only products at or below their reorder point (the back office's restock list).
    pub needs_reorder: Option<bool>,
    /// Include inactive products (the back office; others see active ones only).
    pub include_inactive: Option<bool>,
    /// Page size, 1–200 (default 50).
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}
