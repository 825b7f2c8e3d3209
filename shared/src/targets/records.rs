//! Targets as the API shows them and the requests that set them (seed 003 §3.2.4, §7.2
//! "Target APIs"). The achieved value and percentage are the server's, computed from live data.

use chrono::{DateTime, NaiveDate, Utc};
use garde::Validate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{TargetMetric, TargetPeriod, TargetStatus, TargetType};

/// One target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Target {
    pub id: Uuid,
    pub target_type: TargetType,
    /// The rep (individual), the team (team); `null` for a city target.
    pub assignee_id: Option<Uuid>,
    /// The rep's or team's name, or the city.
    pub assignee_name: String,
    pub period_type: TargetPeriod,
    /// The period's first local day.
    pub period_start: NaiveDate,
    /// The period's last local day (inclusive, as people read it).
    pub period_end: NaiveDate,
    pub metric_type: TargetMetric,
    /// A count, an amount in the organisation's currency, a percentage or a 1–5 score, as the
    /// metric says; decimal text.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub target_value: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub achieved_value: Decimal,
    /// achieved / target, in percent, two decimals.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub achievement_percentage: Option<Decimal>,
    pub status: TargetStatus,
    pub created_by: Option<Uuid>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateTargetRequest {
    #[garde(skip)]
    pub target_type: TargetType,
    /// The rep or the team; absent for a city target.
    #[serde(default)]
    #[garde(skip)]
    pub assignee_id: Option<Uuid>,
    /// The city of a city target.
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = crate::validate::NAME_MAX), custom(crate::validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub city: Option<String>,
    #[garde(skip)]
    pub period_type: TargetPeriod,
    /// Any day of the period (its start is computed); default: today in the organisation's
    /// time zone.
    #[serde(default)]
    #[garde(skip)]
    pub period_of: Option<NaiveDate>,
    #[garde(skip)]
    pub metric_type: TargetMetric,
    /// Positive decimal text (a count whole, a percentage up to 100, a score 1–5). A rep's
    /// monthly revenue target may leave it out: it is the monthly quota of the rep's plan
    /// assignment, and follows it.
    #[serde(default, with = "crate::commissions::text::target::option")]
    #[garde(skip)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = r"^[0-9]{1,12}(\.[0-9]{1,2})?$"))]
    pub target_value: Option<Decimal>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateTargetRequest {
    #[serde(default, with = "crate::commissions::text::target::option")]
    #[garde(skip)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = r"^[0-9]{1,12}(\.[0-9]{1,2})?$"))]
    pub target_value: Option<Decimal>,
    /// `true` cancels the target (it stays, as cancelled).
    #[serde(default)]
    #[garde(skip)]
    pub cancelled: Option<bool>,
    #[serde(default)]
    #[garde(skip)]
    pub version: Option<i64>,
}

/// One line of a leaderboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LeaderboardEntry {
    /// 1 for the first; equal values share a rank.
    pub rank: u32,
    pub rep_id: Uuid,
    pub rep_name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub value: Decimal,
    /// value / the rep's target for the same metric and period, in percent; `null` without one.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub percent_of_quota: Option<Decimal>,
}

/// Which targets to list.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct TargetListQuery {
    pub target_type: Option<TargetType>,
    pub metric_type: Option<TargetMetric>,
    pub period_type: Option<TargetPeriod>,
    /// The rep or team.
    pub assignee_id: Option<Uuid>,
    /// Targets whose period holds this day (e.g. today: the current ones).
    pub on: Option<NaiveDate>,
    /// Include cancelled targets (default false).
    pub include_cancelled: Option<bool>,
    /// Page size, 1–200 (default 50).
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// Which leaderboard.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct LeaderboardQuery {
    pub metric: TargetMetric,
    pub period: TargetPeriod,
    /// Any day of the period; default today in the organisation's time zone.
    pub on: Option<NaiveDate>,
    /// Only this team's reps.
    pub team_id: Option<Uuid>,
    /// How many of the top to list, 1–100 (default 10).
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub top: Option<u32>,
}

/// Reps ranked by a metric over a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Leaderboard {
    pub metric: TargetMetric,
    pub period: TargetPeriod,
    pub period_start: NaiveDate,
    /// The period's last day (inclusive).
    pub period_end: NaiveDate,
    /// How many reps are ranked.
    pub ranked: u32,
    /// The top of the board (a rep's board is its team).
    pub entries: Vec<LeaderboardEntry>,
    /// The caller's own line, when it is a ranked rep.
    pub me: Option<LeaderboardEntry>,
}

/// A customer satisfaction score entered for a client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SatisfactionScore {
    pub id: Uuid,
    pub client_id: Uuid,
    /// The client's rep when the score was entered.
    pub rep_id: Uuid,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub score: u8,
    pub comment: Option<String>,
    pub recorded_by: Option<Uuid>,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RecordSatisfactionRequest {
    /// 1 (very unhappy) to 5 (delighted).
    #[garde(range(min = 1, max = 5))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub score: u8,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 2000), custom(crate::validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 2000, pattern = r"\S")
    )]
    pub comment: Option<String>,
}

/// Standard competition ranks ("1224"): equal values share a rank, the next rank skips.
/// `values` in the order to rank (highest first).
pub fn ranks(values: &[Decimal]) -> Vec<u32> {
    let mut out = Vec::with_capacity(values.len());
    for (i, v) in values.iter().enumerate() {
        let rank = match i.checked_sub(1) {
            Some(prev) if values[prev] == *v => out[prev],
            _ => i as u32 + 1,
        };
        out.push(rank);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_values_share_a_rank_and_the_next_skips() {
        let d = |v: i64| Decimal::from(v);
        let table: [(&[Decimal], &[u32]); 5] = [
            (&[], &[]),
            (&[d(5)], &[1]),
            (&[d(9), d(7), d(7), d(3)], &[1, 2, 2, 4]),
            (&[d(4), d(4), d(4)], &[1, 1, 1]),
            (&[d(9), d(8), d(1), d(1), d(0)], &[1, 2, 3, 3, 5]),
        ];
        for (values, want) in table {
            assert_eq!(ranks(values), want, "{values:?}");
        }
    }
}
