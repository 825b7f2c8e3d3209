//! The events Closebook publishes (seed 003 §5.4), each with its payload. They are written to
//! the outbox in the transaction of the change they report, so an event is never lost nor sent
//! for a change that rolled back. The payloads are a contract with the systems that consume
//! them (commissions consume `sales.pipeline.closed`): add fields, never rename or drop one.
//!
//! On the wire an event is `{"type": "<name>", "data": <payload>}`; the outbox stores the name
//! and the payload in their own columns.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::leads::Outcome;
use crate::{Money, Role};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", content = "data")]
pub enum Event {
    #[serde(rename = "sales.lead.created")]
    LeadCreated(LeadCreated),
    #[serde(rename = "sales.pipeline.stage_changed")]
    StageChanged(StageChanged),
    #[serde(rename = "sales.pipeline.closed")]
    PipelineClosed(PipelineClosed),
    #[serde(rename = "sales.lead.reassigned")]
    LeadReassigned(LeadReassigned),
    #[serde(rename = "sales.lead.allocated")]
    LeadAllocated(LeadAllocated),
    #[serde(rename = "org.user.created")]
    UserCreated(UserCreated),
    #[serde(rename = "org.user.updated")]
    UserUpdated(UserChanged),
    #[serde(rename = "org.user.deactivated")]
    UserDeactivated(UserChanged),
    #[serde(rename = "org.team.created")]
    TeamCreated(TeamChanged),
    #[serde(rename = "org.team.updated")]
    TeamUpdated(TeamChanged),
    #[serde(rename = "wholesale.partner.approved")]
    PartnerApproved(PartnerApproved),
    #[serde(rename = "wholesale.order.placed")]
    OrderPlaced(OrderPlaced),
}

impl Event {
    /// The kind and id of the record the event is about.
    pub fn aggregate(&self) -> (&'static str, Uuid) {
        match self {
            Event::LeadCreated(e) => ("lead", e.lead_id),
            Event::StageChanged(e) => ("lead", e.lead_id),
            Event::PipelineClosed(e) => ("lead", e.lead_id),
            Event::LeadReassigned(e) => ("lead", e.lead_id),
            Event::LeadAllocated(e) => ("allocation", e.allocation_id),
            Event::UserCreated(e) => ("user", e.user_id),
            Event::UserUpdated(e) | Event::UserDeactivated(e) => ("user", e.user_id),
            Event::TeamCreated(e) | Event::TeamUpdated(e) => ("team", e.team_id),
            Event::PartnerApproved(e) => ("partner", e.partner_id),
            Event::OrderPlaced(e) => ("order", e.order_id),
        }
    }

    /// The event's name (`<domain>.<aggregate>.<what happened>`) and its payload, as the
    /// outbox stores them: the wire form's `type` and `data`, so the names are written once,
    /// in the `serde(rename)`s above.
    pub fn name_and_payload(&self) -> serde_json::Result<(String, serde_json::Value)> {
        use serde::de::Error;
        let mut wire = serde_json::to_value(self)?;
        let name = wire["type"].as_str().map(str::to_owned);
        let payload = wire.get_mut("data").map(serde_json::Value::take);
        name.zip(payload)
            .ok_or_else(|| serde_json::Error::custom("an event serialises as {type, data}"))
    }
}

/// `sales.lead.created`: a lead entered the pipeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeadCreated {
    pub lead_id: Uuid,
    /// `null`: created without an owner; a `sales.lead.allocated` in the same transaction says
    /// where it went.
    pub owner_id: Option<Uuid>,
    pub pipeline_id: Uuid,
    pub stage_id: Uuid,
}

/// `sales.pipeline.stage_changed`: a lead moved to another open stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageChanged {
    pub lead_id: Uuid,
    pub owner_id: Uuid,
    pub from_stage_id: Uuid,
    pub to_stage_id: Uuid,
    /// The new stage's key (`qualified`, `proposal`, …).
    pub stage_key: String,
}

/// `sales.pipeline.closed`: a deal was won or lost. Commissions start here: a won deal's
/// value, owner and close time are what a commission is computed from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PipelineClosed {
    pub lead_id: Uuid,
    /// `won` or `lost`.
    pub outcome: Outcome,
    pub owner_id: Uuid,
    /// The client account a won deal opened (or joined).
    pub client_id: Option<Uuid>,
    pub deal_value: Option<Money>,
    pub closed_at: Option<DateTime<Utc>>,
    pub lost_reason: Option<String>,
}

/// `sales.lead.reassigned`: a lead moved to another owner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeadReassigned {
    pub lead_id: Uuid,
    /// `null`: the lead came from the overflow pool or its territory's unclaimed leads.
    pub from_owner_id: Option<Uuid>,
    /// `null`: the lead went to the overflow pool.
    pub to_owner_id: Option<Uuid>,
    pub reason: String,
    /// The allocation that moved it, when an allocation did.
    #[serde(default)]
    pub allocation_id: Option<Uuid>,
}

/// `sales.lead.allocated`: the allocation engine (or a manager, or a claim) gave a lead to a rep
/// or to the overflow pool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeadAllocated {
    pub allocation_id: Uuid,
    pub lead_id: Uuid,
    /// `null`: the overflow pool.
    pub rm_id: Option<Uuid>,
    pub allocation_type: crate::allocation::AllocationType,
    pub is_reassignment: bool,
}

/// `wholesale.partner.approved`: an application became an active account. The new-partner
/// bonus starts here: the account's rep, and the won lead it came from, if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerApproved {
    pub partner_id: Uuid,
    pub rep_id: Option<Uuid>,
    /// The won B2B lead the account converted from.
    pub lead_id: Option<Uuid>,
    pub tier: crate::partners::PartnerTier,
    pub approved_at: DateTime<Utc>,
}

/// `wholesale.order.placed`: a partner order was placed (pending confirmation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderPlaced {
    pub order_id: Uuid,
    /// `ORD-10001`.
    pub number: String,
    pub partner_id: Uuid,
    /// The rep looking after the account, paid on it.
    pub rep_id: Option<Uuid>,
    pub subtotal: Money,
    pub placed_at: DateTime<Utc>,
}

/// `org.user.created`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserCreated {
    pub user_id: Uuid,
    pub role: Role,
    pub team_id: Option<Uuid>,
}

/// `org.user.updated` and `org.user.deactivated`: which fields changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserChanged {
    pub user_id: Uuid,
    /// Names of the user fields whose value changed.
    pub changed: Vec<String>,
}

/// `org.team.created` and `org.team.updated`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamChanged {
    pub team_id: Uuid,
    pub manager_id: Option<Uuid>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outbox_stores_the_wire_name_and_the_bare_payload() {
        let changed = TeamChanged {
            team_id: Uuid::nil(),
            manager_id: None,
        };
        let (name, payload) = Event::TeamUpdated(changed.clone())
            .name_and_payload()
            .unwrap();
        assert_eq!(name, "org.team.updated");
        assert_eq!(payload, serde_json::to_value(&changed).unwrap());
    }
}
