//! Client accounts: the customers won leads become. Residuals and orders hang off them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Money;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Client {
    pub id: Uuid,
    pub name: String,
    /// The lead that was won.
    pub lead_id: Uuid,
    /// The rep who owned the lead when it was won.
    pub owner_id: Uuid,
    pub owner_name: String,
    /// The deal value at signing.
    pub deal_value: Option<Money>,
    pub signed_at: DateTime<Utc>,
    /// The residual each paid invoice earns the owner, locked when the deal was won and never
    /// recalculated; absent for a client opened before commissions (the plan's fallback applies).
    pub residual: Option<Money>,
    /// When the subscription ended, if it has.
    pub cancelled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ClientListQuery {
    /// A user id, or `me`.
    pub owner: Option<String>,
    /// Case-insensitive search over the name.
    pub q: Option<String>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}
