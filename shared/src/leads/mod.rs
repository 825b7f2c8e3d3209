//! Leads: the pipeline item a rep works from first contact to won or lost.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Money;
// The BANT qualification enums belong to the score that weighs them; leads re-exports them.
use crate::scoring::ScoreFactors;
pub use crate::scoring::{Authority, Budget, Need, Timeline};

mod requests;
pub use requests::*;

crate::wire_enum! {
    pub enum Outcome {
        Open = "open" => "Open",
        Won = "won" => "Won",
        Lost = "lost" => "Lost",
    }
}

crate::wire_enum! {
    /// How the lead came to us. `cold` is refused when the organisation forbids cold outreach.
    pub enum SourceType {
        Inbound = "inbound" => "Inbound",
        Warm = "warm" => "Warm",
        NetworkReferral = "network_referral" => "Network / referral",
        Partner = "partner" => "Partner",
        Cold = "cold" => "Cold",
    }
}

crate::wire_enum! {
    pub enum SourceChannel {
        Website = "website" => "Website",
        Referral = "referral" => "Referral",
        ColdCall = "cold_call" => "Cold call",
        TradeShow = "trade_show" => "Trade show",
        Linkedin = "linkedin" => "LinkedIn",
        EmailCampaign = "email_campaign" => "Email campaign",
        Event = "event" => "Event",
        ExistingClient = "existing_client" => "Existing client",
        DoorKnock = "door_knock" => "Door knock",
        Other = "other" => "Other",
    }
}

impl SourceChannel {
    /// Channels that are cold outreach (seed 001: no cold calls, door knocks or cold email
    /// campaigns when the organisation forbids it).
    pub const fn is_cold(self) -> bool {
        matches!(
            self,
            SourceChannel::ColdCall | SourceChannel::DoorKnock | SourceChannel::EmailCampaign
        )
    }
}

crate::wire_enum! {
    /// The six-step sales lens (seed 001 §4), parallel to the pipeline stage.
    pub enum SalesStage {
        Prospecting = "PROSPECTING" => "Prospecting",
        ApproachContact = "APPROACH_CONTACT" => "Approach & contact",
        Presentation = "PRESENTATION" => "Presentation",
        FollowUp = "FOLLOW_UP" => "Follow-up",
        Referral = "REFERRAL" => "Referral",
        RelationshipMaintenance = "RELATIONSHIP_MAINTENANCE" => "Relationship maintenance",
    }
}

crate::wire_enum! {
    pub enum ReferralAskStatus {
        NotAsked = "not_asked" => "Not asked",
        Asked = "asked" => "Asked",
        Received = "received" => "Received",
    }
}

crate::wire_enum! {
    /// How a lead closes (`POST /leads/{id}/outcome`): the outcomes other than `open`.
    pub enum ClosingOutcome {
        Won = "won" => "Won",
        Lost = "lost" => "Lost",
    }
}

/// A lead with everything a rep sees on its detail page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Lead {
    pub id: Uuid,
    pub company: String,
    pub contact_name: Option<String>,
    pub contact_title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub address: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub zip: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub source_type: Option<SourceType>,
    pub source_channel: Option<SourceChannel>,
    /// Who introduced the lead (a name or a lead id), for referrals.
    pub introduced_by: Option<String>,
    /// Who holds the lead; `null`: nobody (the overflow pool, or waiting in its territory for a
    /// rep to claim it).
    pub owner_id: Option<Uuid>,
    pub owner_name: Option<String>,
    pub pipeline_id: Uuid,
    pub stage_id: Uuid,
    pub stage_key: String,
    pub stage_name: String,
    pub outcome: Outcome,
    pub lost_reason: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    /// The won client account, once won.
    pub client_id: Option<Uuid>,
    pub deal_value: Option<Money>,
    pub estimated_units: Option<i64>,
    /// Win probability 0–100; takes the stage's default on each stage change.
    pub probability: i32,
    pub expected_close_date: Option<NaiveDate>,
    pub budget: Option<Budget>,
    pub authority: Option<Authority>,
    pub need: Option<Need>,
    pub timeline: Option<Timeline>,
    pub competitors: Vec<String>,
    pub next_action: Option<String>,
    pub next_contact_at: Option<DateTime<Utc>>,
    pub last_contact_at: Option<DateTime<Utc>>,
    /// Completed contact activities (calls, emails, meetings, …) logged on the lead.
    pub follow_up_count: i32,
    pub follow_up_cadence_days: Option<i32>,
    pub permission_to_follow_up: Option<bool>,
    pub personal_details: Option<String>,
    pub referral_ask_status: ReferralAskStatus,
    pub referral_ask_at: Option<DateTime<Utc>>,
    pub referral_count: i32,
    pub referral_names: Vec<String>,
    /// The sales stage as set by the rep; `None` when not set (see `display_sales_stage`).
    pub sales_stage: Option<SalesStage>,
    /// `sales_stage`, or the one derived from the pipeline stage and outcome.
    pub display_sales_stage: SalesStage,
    /// In APPROACH_CONTACT, PRESENTATION or FOLLOW_UP with no `next_contact_at`: a leak
    /// (seed 001 §5.1).
    pub incomplete: bool,
    /// 0–100, see `score_factors`.
    pub score: i32,
    pub score_factors: ScoreFactors,
    /// `score` ≥ 80.
    pub hot: bool,
    pub tags: Vec<String>,
    pub created_by: Option<Uuid>,
    /// The territory the lead lies in: by its position inside a shape, else its ZIP code, city
    /// or state; `null` when it lies in none. Set when the lead is created or its address
    /// changes.
    pub territory_id: Option<Uuid>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A lead as lists show it (cards, tables, kanban): the detail view has the rest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeadSummary {
    pub id: Uuid,
    pub company: String,
    pub contact_name: Option<String>,
    pub contact_title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    /// Who holds the lead; `null`: nobody (the overflow pool, or waiting in its territory for a
    /// rep to claim it).
    pub owner_id: Option<Uuid>,
    pub owner_name: Option<String>,
    pub pipeline_id: Uuid,
    pub stage_id: Uuid,
    pub stage_name: String,
    pub outcome: Outcome,
    pub deal_value: Option<Money>,
    pub probability: i32,
    pub expected_close_date: Option<NaiveDate>,
    pub next_action: Option<String>,
    pub next_contact_at: Option<DateTime<Utc>>,
    pub last_contact_at: Option<DateTime<Utc>>,
    pub display_sales_stage: SalesStage,
    pub incomplete: bool,
    pub score: i32,
    pub hot: bool,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

/// Score at or above which a lead is hot.
pub const HOT_SCORE: i32 = 80;
/// "Closing soon": expected close within this many days.
pub const CLOSING_SOON_DAYS: i64 = 14;

/// Longest tag, in characters (each tag also needs at least one).
pub const TAG_MAX_CHARS: usize = 50;
/// Longest competitor name, in characters.
pub const COMPETITOR_MAX_CHARS: usize = 100;

crate::wire_enum! {
    pub enum LeadSort {
        Score = "score" => "Lead score",
        NextContact = "next_contact" => "Next contact",
        Value = "value" => "Deal value",
        Updated = "updated" => "Recently updated",
    }
}

/// Filters for `GET /leads`. All combine with AND, inside the caller's scope.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct LeadListQuery {
    /// A user id, or `me`.
    pub owner: Option<String>,
    /// Leads owned by members of this team.
    pub team: Option<Uuid>,
    pub pipeline: Option<Uuid>,
    pub stage: Option<Uuid>,
    /// Leads lying in this territory or in one within it.
    pub territory: Option<Uuid>,
    pub outcome: Option<Outcome>,
    /// The display sales stage (set or derived).
    pub sales_stage: Option<SalesStage>,
    pub source: Option<SourceChannel>,
    pub score_min: Option<i32>,
    pub score_max: Option<i32>,
    /// Score ≥ 80.
    pub hot: Option<bool>,
    /// Open, expected close within 14 days (or overdue).
    pub closing_soon: Option<bool>,
    /// Open, `next_contact_at` now or earlier.
    pub follow_up_due: Option<bool>,
    /// Open, no `next_contact_at`.
    pub no_next_date: Option<bool>,
    /// Only leads flagged incomplete.
    pub incomplete: Option<bool>,
    pub created_from: Option<DateTime<Utc>>,
    pub created_to: Option<DateTime<Utc>>,
    pub updated_from: Option<DateTime<Utc>>,
    pub updated_to: Option<DateTime<Utc>>,
    /// Case-insensitive search over company, contact name and email.
    pub q: Option<String>,
    /// Default `updated` (newest first); `score` and `value` high first; `next_contact` soonest
    /// first, leads without one last.
    pub sort: Option<LeadSort>,
    /// Page size, 1–200 (default 50).
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

crate::wire_enum! {
    pub enum HistoryKind {
        Created = "created" => "Created",
        Stage = "stage" => "Stage changed",
        Owner = "owner" => "Reassigned",
        Outcome = "outcome" => "Closed",
    }
}

/// One entry of a lead's stage and owner history, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeadHistoryEntry {
    pub id: Uuid,
    pub kind: HistoryKind,
    pub from_stage_id: Option<Uuid>,
    pub to_stage_id: Option<Uuid>,
    pub from_stage_name: Option<String>,
    pub to_stage_name: Option<String>,
    pub from_owner_id: Option<Uuid>,
    pub to_owner_id: Option<Uuid>,
    pub outcome: Option<Outcome>,
    /// The reason or note given.
    pub note: Option<String>,
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    pub at: DateTime<Utc>,
}

/// Result of a duplicate check: the open lead a new one collides with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DuplicateOf {
    pub lead_id: Uuid,
    /// `email`, `phone` or `company_address`.
    pub matched_on: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct CreateLeadParams {
    /// Create even if an open lead has the same email, phone or company and address.
    pub allow_duplicate: Option<bool>,
}

/// Digits of a phone number, for duplicate matching (`+1 (415) 555-0100` → `14155550100`).
pub fn phone_key(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

/// Company + address reduced to lower-case letters and digits, for duplicate matching:
/// `"ACME, Inc." + "12 Main St."` and `"Acme Inc" + "12 main st"` match.
pub fn company_address_key(company: &str, address: &str) -> String {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    format!("{}|{}", squash(company), squash(address))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_keys_ignore_punctuation_and_case() {
        let table = [
            (
                ("ACME, Inc.", "12 Main St."),
                ("Acme Inc", "12 main st"),
                true,
            ),
            (("Acme", "12 Main St"), ("Acme", "14 Main St"), false),
            (("Acme Foods", "1 A St"), ("Acme", "Foods 1 A St"), false),
        ];
        for ((c1, a1), (c2, a2), same) in table {
            assert_eq!(
                company_address_key(c1, a1) == company_address_key(c2, a2),
                same,
                "{c1}/{a1} vs {c2}/{a2}"
            );
        }
        assert_eq!(phone_key("+1 (415) 555-0100"), "14155550100");
    }

    #[test]
    fn cold_channels() {
        let cold: Vec<_> = SourceChannel::ALL.iter().filter(|c| c.is_cold()).collect();
        assert_eq!(
            cold,
            [
                &SourceChannel::ColdCall,
                &SourceChannel::EmailCampaign,
                &SourceChannel::DoorKnock
            ]
        );
    }
}
