//! Compensation plans over the API: a plan with its effective-dated versions (the rules are
//! [`crate::commissions::plan::PlanRules`]), and who is on which plan with what quota.

use chrono::{DateTime, NaiveDate, Utc};
use garde::Validate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::commissions::plan::PlanRules;
use crate::{Money, Role, validate};

/// One version of a plan's rules, in force from `effective_from` until the next version's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanVersion {
    pub id: Uuid,
    /// 1, 2, … in order of effect.
    pub number: i32,
    /// In the organisation's calendar.
    pub effective_from: NaiveDate,
    pub rules: PlanRules,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompensationPlan {
    pub id: Uuid,
    pub name: String,
    /// ISO 4217 code of the plan's amounts and quotas.
    pub currency: String,
    /// Everyone of this role is on this plan unless assigned another.
    pub default_for_role: Option<Role>,
    /// Oldest first.
    pub versions: Vec<PlanVersion>,
    /// Optimistic-concurrency version of the plan record (not a rules version).
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn known_currency(value: &str, _: &()) -> garde::Result {
    crate::money::minor_unit_digits(value)
        .map(|_| ())
        .map_err(|e| garde::Error::new(e.to_string()))
}

fn valid_rules(rules: &PlanRules, _: &()) -> garde::Result {
    rules.validate().map_err(|errors| {
        let text: Vec<String> = errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect();
        garde::Error::new(text.join("; "))
    })
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreatePlanRequest {
    /// Unique plan name.
    #[garde(length(chars, min = 1, max = validate::NAME_MAX), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub name: String,
    #[garde(custom(known_currency))]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::money::CurrencyCode))]
    pub currency: String,
    /// At most one plan is a role's default; naming a role another plan has is a 409.
    #[serde(default)]
    #[garde(skip)]
    pub default_for_role: Option<Role>,
    /// When version 1 takes effect.
    #[garde(skip)]
    pub effective_from: NaiveDate,
    #[garde(custom(valid_rules))]
    pub rules: PlanRules,
}

/// A new version of the rules, in force from a date after every existing version's.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewPlanVersion {
    #[garde(skip)]
    pub effective_from: NaiveDate,
    #[garde(custom(valid_rules))]
    pub rules: PlanRules,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdatePlanRequest {
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
    pub name: Option<String>,
    /// `null` makes the plan no role's default.
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Role>))]
    #[garde(skip)]
    pub default_for_role: Option<Option<Role>>,
    /// Adds a version of the rules; versions already written are never changed (lines record
    /// the version they were computed under).
    #[serde(default)]
    #[garde(dive)]
    pub new_version: Option<NewPlanVersion>,
}

/// A user's plan from a date, with the monthly revenue quota.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanAssignment {
    pub id: Uuid,
    pub user_id: Uuid,
    pub plan_id: Uuid,
    pub plan_name: String,
    pub effective_from: NaiveDate,
    pub monthly_quota: Option<Money>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AssignPlanRequest {
    #[garde(skip)]
    pub plan_id: Uuid,
    /// In the organisation's calendar; one assignment per user and date.
    #[garde(skip)]
    pub effective_from: NaiveDate,
    /// In the plan's currency (another currency is a 409 naming the field).
    #[serde(default)]
    #[garde(inner(custom(|m: &Money, _: &()| validate::money(m))))]
    pub monthly_quota: Option<Money>,
}

/// The plan that applies to the caller today, as the commission tab and the what-if simulator
/// need it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanInForce {
    /// None when no plan applies and the built-in defaults (the seeds' numbers) do.
    pub plan_id: Option<Uuid>,
    pub plan_name: Option<String>,
    pub plan_version_id: Option<Uuid>,
    /// The plan's currency (the organisation's for the built-in defaults).
    pub currency: String,
    pub rules: PlanRules,
    /// The caller's monthly revenue quota, a decimal in the plan's currency.
    pub monthly_quota: Option<String>,
}

/// `POST /compensation-plans/preview`: draft rules run over a past month's events.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PlanPreviewRequest {
    /// The draft.
    #[garde(custom(valid_rules))]
    pub rules: PlanRules,
    /// The draft's currency: reps whose plan is in another are left out.
    #[garde(custom(known_currency))]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::money::CurrencyCode))]
    pub currency: String,
    /// Only the reps on this plan that month (a new version of it); default every rep.
    #[serde(default)]
    #[garde(skip)]
    pub plan_id: Option<Uuid>,
    /// A month that has started; default last month.
    #[serde(default)]
    #[garde(skip)]
    pub period: Option<crate::commissions::Period>,
}

/// One rep's month under the rules it had and under the draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepPreview {
    pub rep_id: Uuid,
    pub rep_name: String,
    /// Won deals, paid invoices and sold upsells of the month that were run.
    pub events: u32,
    /// Under the plan version in force that month.
    pub current: Money,
    /// Under the draft.
    pub draft: Money,
}

/// What the draft would have paid, rep by rep (largest change first), and in all. Computed with
/// the shared month simulation over the month's won deals, paid invoices and sold upsells, under
/// each rep's quota and base salary; refunds, team bonuses and overrides are not part of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanPreview {
    pub period: crate::commissions::Period,
    pub currency: String,
    pub reps: Vec<RepPreview>,
    pub current_total: Money,
    pub draft_total: Money,
}
