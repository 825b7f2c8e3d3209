//! What clients send to change leads: the request bodies, with the rules each field obeys
//! (garde) stated again in the contract (utoipa) beside them.

use chrono::{DateTime, NaiveDate, Utc};
use garde::Validate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    Authority, Budget, COMPETITOR_MAX_CHARS, Need, Outcome, ReferralAskStatus, SalesStage,
    SourceChannel, SourceType, TAG_MAX_CHARS, Timeline,
};
use crate::Money;
use crate::validate;

#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateLeadRequest {
    #[garde(length(chars, min = 1, max = validate::NAME_MAX), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub company: String,
    /// Defaults to the organisation's default pipeline.
    #[serde(default)]
    #[garde(skip)]
    pub pipeline_id: Option<Uuid>,
    /// Defaults to the pipeline's first open stage; must be an open stage.
    #[serde(default)]
    #[garde(skip)]
    pub stage_id: Option<Uuid>,
    /// Defaults to the caller; a rep can only create leads for itself.
    #[serde(default)]
    #[garde(skip)]
    pub owner_id: Option<Uuid>,
    #[serde(default)]
    #[garde(custom(validate::opt_money))]
    pub deal_value: Option<Money>,
    #[serde(default)]
    #[garde(inner(range(min = 0, max = 1_000_000_000)))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1000000000))]
    pub estimated_units: Option<i64>,
    #[serde(default)]
    #[garde(skip)]
    pub expected_close_date: Option<NaiveDate>,
    #[serde(default)]
    #[garde(inner(length(chars, max = validate::NAME_MAX)))]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub contact_name: Option<String>,
    #[serde(default)]
    #[garde(inner(length(chars, max = validate::NAME_MAX)))]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub contact_title: Option<String>,
    #[serde(default)]
    #[garde(inner(email, length(chars, max = 254)))]
    #[cfg_attr(feature = "openapi", schema(max_length = 254, format = Email))]
    pub email: Option<String>,
    #[serde(default)]
    #[garde(custom(validate::opt_phone))]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^\+?[ ().-]*([0-9][ ().-]*){5,20}$")
    )]
    pub phone: Option<String>,
    #[serde(default)]
    #[garde(inner(length(chars, max = 500)))]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub website: Option<String>,
    #[serde(default)]
    #[garde(inner(length(chars, max = 500)))]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub address: Option<String>,
    #[serde(default)]
    #[garde(inner(length(chars, max = validate::NAME_MAX)))]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub city: Option<String>,
    #[serde(default)]
    #[garde(inner(length(chars, max = validate::NAME_MAX)))]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub state: Option<String>,
    #[serde(default)]
    #[garde(inner(length(chars, max = 20)))]
    #[cfg_attr(feature = "openapi", schema(max_length = 20))]
    pub zip: Option<String>,
    #[serde(default)]
    #[garde(inner(range(min = -90.0, max = 90.0)))]
    #[cfg_attr(feature = "openapi", schema(minimum = -90.0, maximum = 90.0))]
    pub latitude: Option<f64>,
    #[serde(default)]
    #[garde(inner(range(min = -180.0, max = 180.0)))]
    #[cfg_attr(feature = "openapi", schema(minimum = -180.0, maximum = 180.0))]
    pub longitude: Option<f64>,
    #[serde(default)]
    #[garde(skip)]
    pub source_type: Option<SourceType>,
    #[serde(default)]
    #[garde(skip)]
    pub source_channel: Option<SourceChannel>,
    #[serde(default)]
    #[garde(inner(length(chars, max = validate::NAME_MAX)))]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub introduced_by: Option<String>,
    #[serde(default)]
    #[garde(skip)]
    pub budget: Option<Budget>,
    #[serde(default)]
    #[garde(skip)]
    pub authority: Option<Authority>,
    #[serde(default)]
    #[garde(skip)]
    pub need: Option<Need>,
    #[serde(default)]
    #[garde(skip)]
    pub timeline: Option<Timeline>,
    #[serde(default)]
    #[garde(inner(length(chars, max = 500)))]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub next_action: Option<String>,
    #[serde(default)]
    #[garde(skip)]
    pub next_contact_at: Option<DateTime<Utc>>,
    #[serde(default)]
    #[garde(inner(range(min = 1, max = 365)))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 365))]
    pub follow_up_cadence_days: Option<i32>,
    #[serde(default)]
    #[garde(skip)]
    pub permission_to_follow_up: Option<bool>,
    #[serde(default)]
    #[garde(inner(length(chars, max = 5000)))]
    #[cfg_attr(feature = "openapi", schema(max_length = 5000))]
    pub personal_details: Option<String>,
    #[serde(default)]
    #[garde(skip)]
    pub sales_stage: Option<SalesStage>,
    #[serde(default)]
    #[garde(inner(length(max = 20), inner(length(chars, min = 1, max = COMPETITOR_MAX_CHARS))))]
    #[cfg_attr(feature = "openapi", schema(max_items = 20))]
    pub competitors: Option<Vec<String>>,
    #[serde(default)]
    #[garde(inner(length(max = 20), inner(length(chars, min = 1, max = TAG_MAX_CHARS))))]
    #[cfg_attr(feature = "openapi", schema(max_items = 20))]
    pub tags: Option<Vec<String>>,
}

/// `PATCH /leads/{id}`: only the allowlisted, non-money-path fields (seed 001 §2.5); `null`
/// clears a field. Stage, outcome, owner and deal value have their own routes, so sending
/// `stage_id`, `outcome`, `owner_id` or `deal_value` here is refused with 422 naming the field.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateLeadRequest {
    /// The version being edited; a stale one is refused with 412 (or send `If-Match`).
    #[serde(default)]
    #[garde(skip)]
    pub version: Option<i64>,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = validate::NAME_MAX), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub company: Option<String>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[garde(inner(inner(length(chars, max = validate::NAME_MAX))))]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub contact_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[garde(inner(inner(length(chars, max = validate::NAME_MAX))))]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub contact_title: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[garde(inner(inner(email, length(chars, max = 254))))]
    #[cfg_attr(feature = "openapi", schema(max_length = 254, format = Email))]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[garde(custom(validate::patch_phone))]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^\+?[ ().-]*([0-9][ ().-]*){5,20}$")
    )]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[garde(inner(inner(length(chars, max = 500))))]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub website: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[garde(inner(inner(length(chars, max = 500))))]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub address: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[garde(inner(inner(length(chars, max = validate::NAME_MAX))))]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub city: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[garde(inner(inner(length(chars, max = validate::NAME_MAX))))]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub state: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[garde(inner(inner(length(chars, max = 20))))]
    #[cfg_attr(feature = "openapi", schema(max_length = 20))]
    pub zip: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<f64>))]
    #[garde(inner(inner(range(min = -90.0, max = 90.0))))]
    #[cfg_attr(feature = "openapi", schema(minimum = -90.0, maximum = 90.0))]
    pub latitude: Option<Option<f64>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<f64>))]
    #[garde(inner(inner(range(min = -180.0, max = 180.0))))]
    #[cfg_attr(feature = "openapi", schema(minimum = -180.0, maximum = 180.0))]
    pub longitude: Option<Option<f64>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<SourceType>))]
    #[garde(skip)]
    pub source_type: Option<Option<SourceType>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<SourceChannel>))]
    #[garde(skip)]
    pub source_channel: Option<Option<SourceChannel>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[garde(inner(inner(length(chars, max = validate::NAME_MAX))))]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub introduced_by: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Budget>))]
    #[garde(skip)]
    pub budget: Option<Option<Budget>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Authority>))]
    #[garde(skip)]
    pub authority: Option<Option<Authority>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Need>))]
    #[garde(skip)]
    pub need: Option<Option<Need>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Timeline>))]
    #[garde(skip)]
    pub timeline: Option<Option<Timeline>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[garde(inner(inner(length(chars, max = 500))))]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub next_action: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<DateTime<Utc>>))]
    #[garde(skip)]
    pub next_contact_at: Option<Option<DateTime<Utc>>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i32>))]
    #[garde(inner(inner(range(min = 1, max = 365))))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 365))]
    pub follow_up_cadence_days: Option<Option<i32>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<bool>))]
    #[garde(skip)]
    pub permission_to_follow_up: Option<Option<bool>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[garde(inner(inner(length(chars, max = 5000))))]
    #[cfg_attr(feature = "openapi", schema(max_length = 5000))]
    pub personal_details: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<SalesStage>))]
    #[garde(skip)]
    pub sales_stage: Option<Option<SalesStage>>,
    /// Replaces the whole list.
    #[serde(default)]
    #[garde(inner(length(max = 20), inner(length(chars, min = 1, max = COMPETITOR_MAX_CHARS))))]
    #[cfg_attr(feature = "openapi", schema(max_items = 20))]
    pub competitors: Option<Vec<String>>,
    /// Replaces the whole list.
    #[serde(default)]
    #[garde(inner(length(max = 20), inner(length(chars, min = 1, max = TAG_MAX_CHARS))))]
    #[cfg_attr(feature = "openapi", schema(max_items = 20))]
    pub tags: Option<Vec<String>>,
}

/// `PATCH /leads/{id}/deal`: the money path — value, units, probability, expected close.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateDealRequest {
    #[serde(default)]
    #[garde(skip)]
    pub version: Option<i64>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Money>))]
    #[garde(custom(validate::patch_money))]
    pub deal_value: Option<Option<Money>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    #[garde(inner(inner(range(min = 0, max = 1_000_000_000))))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1000000000))]
    pub estimated_units: Option<Option<i64>>,
    #[serde(default)]
    #[garde(inner(range(min = 0, max = 100)))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100))]
    pub probability: Option<i32>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<NaiveDate>))]
    #[garde(skip)]
    pub expected_close_date: Option<Option<NaiveDate>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangeStageRequest {
    /// An open stage of the lead's pipeline (won/lost go through `POST /outcome`).
    #[garde(skip)]
    pub stage_id: Uuid,
    #[serde(default)]
    #[garde(skip)]
    pub version: Option<i64>,
    /// Why, for the history.
    #[serde(default)]
    #[garde(inner(length(chars, max = 500)))]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetOutcomeRequest {
    /// `won` or `lost`.
    #[garde(skip)]
    #[cfg_attr(feature = "openapi", schema(value_type = super::ClosingOutcome))]
    pub outcome: Outcome,
    /// Required when lost.
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 500), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 500, pattern = r"\S")
    )]
    pub lost_reason: Option<String>,
    #[serde(default)]
    #[garde(skip)]
    pub version: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReassignLeadRequest {
    /// An active sales rep or manager the caller manages.
    #[garde(skip)]
    pub owner_id: Uuid,
    #[garde(length(chars, min = 1, max = 500), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 500, pattern = r"\S")
    )]
    pub reason: String,
    #[serde(default)]
    #[garde(skip)]
    pub version: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReferralAskRequest {
    #[garde(skip)]
    pub status: ReferralAskStatus,
    /// Referrals received so far (defaults to the number of `names`).
    #[serde(default)]
    #[garde(inner(range(min = 0, max = 1000)))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1000))]
    pub count: Option<i32>,
    #[serde(default)]
    #[garde(inner(length(max = 50), inner(length(chars, min = 1, max = validate::NAME_MAX))))]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub names: Option<Vec<String>>,
}

/// Schema only: `POST /leads/{id}/outcome`'s body as the rules read — `won`, or `lost` with a
/// `lost_reason` (one `oneOf` branch each).
#[cfg(feature = "openapi")]
pub struct SetOutcomeBody;

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for SetOutcomeBody {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::RefOr;
        use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Schema, SchemaType, Type};
        let branch = |outcome: &str, reason_required: bool| {
            let mut schema = <SetOutcomeRequest as utoipa::PartialSchema>::schema();
            if let RefOr::T(Schema::Object(object)) = &mut schema {
                object.properties.insert(
                    "outcome".to_owned(),
                    ObjectBuilder::new()
                        .schema_type(SchemaType::Type(Type::String))
                        .enum_values(Some([outcome]))
                        .into(),
                );
                if reason_required {
                    object.required.push("lost_reason".to_owned());
                    if let Some(RefOr::T(Schema::Object(reason))) =
                        object.properties.get_mut("lost_reason")
                    {
                        reason.schema_type = SchemaType::Type(Type::String);
                    }
                }
            }
            schema
        };
        OneOfBuilder::new()
            .item(branch("won", false))
            .item(branch("lost", true))
            .description(Some("`won`, or `lost` with a `lost_reason`"))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for SetOutcomeBody {}
