//! The audit log: who changed what, when, from what to what.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    /// The user or service token that acted; absent for the system itself.
    pub actor_id: Option<Uuid>,
    /// `user`, `service_token` or `system`.
    pub actor_kind: String,
    /// What was done, e.g. `user.create`, `auth.login`.
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<String>,
    /// The entity before the change (absent for creations).
    pub before: Option<serde_json::Value>,
    /// The entity after the change (absent for deletions).
    pub after: Option<serde_json::Value>,
    pub request_id: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    pub actor_id: Option<Uuid>,
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub action: Option<String>,
    /// Entries at or after this time.
    pub from: Option<DateTime<Utc>>,
    /// Entries before this time.
    pub to: Option<DateTime<Utc>>,
    /// Page size, 1–200 (default 50).
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}
