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
    /// Positive decimal text.
    #[garde(skip)]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub target_value: Decimal,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateTargetRequest {
    #[serde(default)]
    #[garde(skip)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
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
