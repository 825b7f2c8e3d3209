//! Upsells of a client account (seed 000 F5): offered, then marked sold, which writes the rep a
//! pending commission line of the plan's upsell rate (10% by default) of the price.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Money;
use crate::validate;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Upsell {
    pub id: Uuid,
    pub client_id: Uuid,
    /// The client's owner when it was offered: who earns its line.
    pub rep_id: Uuid,
    pub product: String,
    pub price: Money,
    /// When it was sold; absent while it is only offered.
    pub sold_at: Option<DateTime<Utc>>,
    /// The commission line its sale wrote.
    pub commission_line_id: Option<Uuid>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, garde::Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateUpsellRequest {
    #[garde(length(chars, min = 1, max = validate::NAME_MAX), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub product: String,
    #[garde(custom(|m: &Money, _: &()| validate::money(m)))]
    pub price: Money,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, garde::Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MarkUpsellSoldRequest {
    /// When it was sold (default now; not in the future).
    #[serde(default)]
    #[garde(skip)]
    pub sold_at: Option<DateTime<Utc>>,
}
