//! The analytics endpoints' queries and answers.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{DisciplineScore, Leak, LeakTargets, Scorecard, StageFlow, WeekCounts};

/// Whose numbers, and which week.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct AnalyticsQuery {
    /// Any day of the week; default this week (the organisation's time zone and first weekday).
    pub week: Option<NaiveDate>,
    /// One rep the caller sees.
    pub rep_id: Option<Uuid>,
    /// One team the caller sees (its reps); default everyone in the caller's scope.
    pub team_id: Option<Uuid>,
}

/// The Sales Leak card (seed 001 §3), with follow-up discipline (§6) and the over-focus warning
/// (§9).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SalesLeakReport {
    pub week_start: NaiveDate,
    /// The week's last day (inclusive).
    pub week_end: NaiveDate,
    /// How many reps the numbers are of; the targets are theirs summed.
    pub reps: u32,
    pub counts: WeekCounts,
    /// The lens stages in funnel order.
    pub stages: Vec<StageFlow>,
    pub targets: LeakTargets,
    pub leak: Option<Leak>,
    /// "Leak = Follow-up (31 due, 9 done)", or "No leak this week".
    pub leak_line: String,
    pub discipline: DisciplineScore,
    /// Set when the last 7 days over-index on presentation.
    pub overfocus_warning: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ScorecardHistoryQuery {
    pub rep_id: Option<Uuid>,
    pub team_id: Option<Uuid>,
    /// How many weeks back, 1–104 (default 12).
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 104))]
    pub weeks: Option<u32>,
}

/// Stored weekly scorecards, oldest first; a week nobody's snapshot covers is absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScorecardHistory {
    pub weeks: Vec<Scorecard>,
}
