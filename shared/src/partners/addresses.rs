//! An account's saved shipping addresses (seed 004 `ShippingAddress`).

use chrono::{DateTime, Utc};
use garde::Validate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::orders::ShipTo;
use crate::validate;

/// A saved address: a store, a warehouse, with its dock's needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShippingAddress {
    pub id: Uuid,
    pub partner_id: Uuid,
    /// "Main store", "Warehouse", … unique within the account (whatever the case).
    pub label: String,
    pub ship_to: ShipTo,
    /// Where an order goes when it names no address.
    pub is_default: bool,
    pub created_at: DateTime<Utc>,
}

/// A new saved address. The account's first becomes its default.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SaveAddressRequest {
    #[garde(length(chars, min = 1, max = 100), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 100, pattern = r"\S")
    )]
    pub label: String,
    #[garde(dive)]
    pub ship_to: ShipTo,
    /// Make it the default (the account's first is the default anyway).
    #[serde(default)]
    #[garde(skip)]
    pub make_default: bool,
}
