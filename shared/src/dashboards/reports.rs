//! The sales reports (`/reports/conversion`, `/reports/activity-by-rep`, `/reports/pipeline`):
//! JSON, or CSV with `Accept: text/csv`.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Money;

/// Which days and whose numbers.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ReportQuery {
    /// The first day (the organisation's calendar); default 29 days before `to`.
    pub from: Option<NaiveDate>,
    /// The last day, inclusive; default today.
    pub to: Option<NaiveDate>,
    /// One team the caller sees; default everyone in its scope.
    pub team_id: Option<Uuid>,
}

/// One rep's conversion over the days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConversionRow {
    pub rep_id: Uuid,
    pub rep_name: String,
    /// Leads created.
    pub created: u32,
    /// Leads won and lost (by the day they closed).
    pub won: u32,
    pub lost: u32,
    /// won / (won + lost), percent, one decimal.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub win_rate: Option<Decimal>,
    /// won / created, percent, one decimal.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub lead_to_close: Option<Decimal>,
    /// Won deal value in the organisation's currency.
    pub won_value: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConversionReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rows: Vec<ConversionRow>,
    /// The rows summed; rates from the sums.
    pub total: ConversionRow,
}

/// One rep's completed activities by kind over the days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityRow {
    pub rep_id: Uuid,
    pub rep_name: String,
    pub calls: u32,
    pub emails: u32,
    pub meetings: u32,
    pub demos: u32,
    pub proposals: u32,
    /// Notes, tasks, door knocks, texts.
    pub other: u32,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rows: Vec<ActivityRow>,
}

/// Open leads in one stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PipelineRow {
    pub pipeline: String,
    pub stage_key: String,
    pub stage_name: String,
    pub position: i32,
    /// Open leads now in the stage that were created in the days.
    pub leads: u32,
    /// Their deal values in the organisation's currency, and weighted by their probability.
    pub value: Money,
    pub weighted: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PipelineReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rows: Vec<PipelineRow>,
}
