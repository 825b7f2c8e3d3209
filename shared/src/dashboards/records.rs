//! The dashboards as the API sends them.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Money;
use crate::activities::ActivityKind;
use crate::leads::SalesStage;
use crate::targets::{LeaderboardEntry, Target};
use crate::territories::Production;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct RepDashboardQuery {
    /// A rep the caller sees; default the caller.
    pub rep_id: Option<Uuid>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ManagerDashboardQuery {
    /// One team the caller sees; default everyone in its scope.
    pub team_id: Option<Uuid>,
}

/// A lead as a dashboard lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeadRef {
    pub id: Uuid,
    pub company: String,
    pub stage: SalesStage,
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100))]
    pub score: u32,
    pub deal_value: Option<Money>,
    pub next_contact_at: Option<DateTime<Utc>>,
    pub last_contact_at: Option<DateTime<Utc>>,
}

/// Today at a glance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TodaySnapshot {
    /// Open leads held.
    pub active_leads: u32,
    /// Calls completed today.
    pub calls_today: u32,
    /// Open deals expected to close within 7 days.
    pub deals_closing: u32,
    /// Open leads whose next contact is past.
    pub overdue_follow_ups: u32,
}

/// The month's revenue against quota, and where today's pace ends the month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuotaProgress {
    pub month_start: NaiveDate,
    pub month_end: NaiveDate,
    /// The month's revenue target (the plan quota); `null` without one.
    pub quota: Option<Money>,
    /// Won this month.
    pub achieved: Money,
    /// achieved / quota, percent, one decimal.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub percent: Option<Decimal>,
    /// achieved × days in the month / days gone.
    pub forecast: Money,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub forecast_percent: Option<Decimal>,
    /// "On track to 49800.00 USD, 99.6% of quota".
    pub line: String,
}

/// A planned activity of today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScheduledItem {
    pub activity_id: Uuid,
    pub lead_id: Uuid,
    pub company: String,
    pub kind: ActivityKind,
    pub at: DateTime<Utc>,
    pub subject: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NextActions {
    /// Open leads whose next contact is past, most overdue first (at most 10).
    pub overdue: Vec<LeadRef>,
    /// Today's planned activities not yet done, in time order.
    pub today: Vec<ScheduledItem>,
    /// This week's targets.
    pub week_goals: Vec<Target>,
}

crate::wire_enum! {
    pub enum SuggestionKind {
        StallingDeal = "stalling_deal" => "Stalling deal",
        BestCallHour = "best_call_hour" => "Best hour to call",
        MissingNextDate = "missing_next_date" => "No next date",
    }
}

/// A rule-based suggestion and the reason it is made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Suggestion {
    pub kind: SuggestionKind,
    pub lead_id: Option<Uuid>,
    pub text: String,
    pub reason: String,
}

/// The local hour with the best connect rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BestHour {
    /// 0–23, in the rep's time zone.
    #[cfg_attr(feature = "openapi", schema(maximum = 23))]
    pub hour: u32,
    pub calls: u32,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub connect_rate: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KindCount {
    pub kind: ActivityKind,
    pub count: u32,
    /// The month's goal for it, from the rep's targets (calls: leads contacted; meetings:
    /// visits scheduled); `null` without one.
    pub goal: Option<u32>,
}

/// This month's activity (seed 004 "ACTIVITY HEATMAP").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Heatmap {
    pub kinds: Vec<KindCount>,
    /// Completed activities per weekday, Monday first (the rep's time zone).
    pub by_weekday: Vec<u32>,
    /// "Tuesday"; `null` with no activity.
    pub busiest: Option<String>,
    pub quietest: Option<String>,
}

/// `GET /dashboard/rep`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepDashboard {
    pub rep_id: Uuid,
    pub rep_name: String,
    /// Today in the organisation's time zone.
    pub today: NaiveDate,
    pub snapshot: TodaySnapshot,
    pub quota: QuotaProgress,
    pub next_actions: NextActions,
    /// The rep's line on its team's monthly revenue board.
    pub leaderboard: Option<LeaderboardEntry>,
    /// How many the board ranks.
    pub leaderboard_size: u32,
    /// Open leads with the highest scores (at most 5).
    pub hot_leads: Vec<LeadRef>,
    /// The rep's commission lines of this month, net.
    pub earnings_this_month: Money,
    pub suggestions: Vec<Suggestion>,
    pub best_hour: Option<BestHour>,
    pub heatmap: Heatmap,
    /// This week's Sales Leak line.
    pub leak_line: String,
}

/// One rep on the manager's dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepStatus {
    pub rep_id: Uuid,
    pub rep_name: String,
    /// Closes in 90 days against the green and yellow lines (seed 000 F6).
    pub production: Production,
    pub revenue_this_month: Money,
    /// Of the monthly quota, percent, one decimal; `null` without a quota.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub quota_attainment: Option<Decimal>,
    pub open_leads: u32,
    /// Allocations of the last 30 days answered (acted on) before their SLA deadline, percent.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub sla_compliance: Option<Decimal>,
}

/// A pipeline stage of the funnel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FunnelStage {
    pub key: String,
    pub name: String,
    /// Leads created in the last 90 days that reached the stage.
    pub reached: u32,
    /// Of those, the share that reached the next stage, percent; `null` for the last.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub conversion_to_next: Option<Decimal>,
}

/// `GET /dashboard/manager`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManagerDashboard {
    pub today: NaiveDate,
    pub reps: Vec<RepStatus>,
    /// Allocations of the last 30 days answered in time, across the reps, percent.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub sla_compliance: Option<Decimal>,
    /// Open leads per rep: the fewest and the most.
    pub open_leads_min: u32,
    pub open_leads_max: u32,
    pub leak_line: String,
    pub discipline_composite: Option<u32>,
    /// The default pipeline's open stages then won.
    pub funnel: Vec<FunnelStage>,
    /// Mean days from creation to winning, deals won in the last 90 days.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub average_cycle_days: Option<Decimal>,
    /// Won / created over the last 90 days, percent.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub lead_to_close_percent: Option<Decimal>,
}
