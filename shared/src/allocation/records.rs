//! Allocations as the API shows them (seed 003 §3.2.3), the requests that make and move them,
//! a rep's intake, and the workload report (seed 003 §2.2.5, §9.3).

use chrono::{DateTime, Utc};
use garde::Validate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{AllocationType, Availability, RuleStep};
use crate::validate;

crate::wire_enum! {
    /// Where an allocation stands (seed 003 §3.2.3, plus `rejected`: the rep turned it down).
    pub enum AllocationStatus {
        /// Waiting for the rep to accept (its SLA clock runs).
        Pending = "pending" => "Pending",
        Accepted = "accepted" => "Accepted",
        /// The rep has acted on the lead (an activity, a stage).
        Active = "active" => "Active",
        /// In the overflow pool: no rep was eligible, a manager places it.
        Escalated = "escalated" => "Escalated",
        Reassigned = "reassigned" => "Reassigned",
        Rejected = "rejected" => "Rejected",
        /// The lead was won or lost.
        Completed = "completed" => "Completed",
        /// The SLA passed with no action; the lead moved on.
        Expired = "expired" => "Expired",
    }
}

impl AllocationStatus {
    /// The statuses of a lead's one live allocation.
    pub const LIVE: [AllocationStatus; 4] = [
        AllocationStatus::Pending,
        AllocationStatus::Accepted,
        AllocationStatus::Active,
        AllocationStatus::Escalated,
    ];
    /// The statuses that count in a rep's queue (LAR-002).
    pub const QUEUED: [AllocationStatus; 3] = [
        AllocationStatus::Pending,
        AllocationStatus::Accepted,
        AllocationStatus::Active,
    ];

    pub fn is_live(self) -> bool {
        Self::LIVE.contains(&self)
    }
}

/// A lead's priority, 1 (highest) to 5, from its score (0–100): 100 → 1, 0 → 5, in even steps.
pub fn priority_of(score: u32) -> u8 {
    let score = score.min(100);
    (5 - (score * 4 + 50) / 100) as u8
}

/// One allocation of a lead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Allocation {
    pub id: Uuid,
    pub lead_id: Uuid,
    pub lead_company: String,
    /// `null`: the overflow pool.
    pub rm_id: Option<Uuid>,
    pub rm_name: Option<String>,
    pub allocation_type: AllocationType,
    pub allocation_reason: String,
    /// 1 (highest) to 5, from the lead's score.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub priority: u8,
    pub status: AllocationStatus,
    pub allocated_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub first_action_at: Option<DateTime<Utc>>,
    /// LAR-006: a pending allocation with no action by then moves on.
    pub sla_deadline: DateTime<Utc>,
    pub is_reassignment: bool,
    pub previous_rm_id: Option<Uuid>,
    pub reassignment_reason: Option<String>,
    pub rejection_reason: Option<String>,
    /// The allocation that took over when this one was rejected, expired or reassigned.
    pub superseded_by: Option<Uuid>,
    /// `null`: the engine decided.
    pub allocated_by: Option<Uuid>,
    /// Which rule passed or set aside whom (a step lists at most 25 reps; `omitted` counts
    /// the rest).
    pub trace: Vec<RuleStep>,
    pub ended_at: Option<DateTime<Utc>>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateAllocationRequest {
    /// An open lead with no live allocation.
    #[garde(skip)]
    pub lead_id: Uuid,
    /// A manager's choice of rep (a manual allocation, still within the rep's capacity);
    /// absent: the engine chooses.
    #[serde(default)]
    #[garde(skip)]
    pub rm_id: Option<Uuid>,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 500), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 500, pattern = r"\S")
    )]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RejectAllocationRequest {
    #[garde(length(chars, min = 1, max = 500), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 500, pattern = r"\S")
    )]
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReassignAllocationRequest {
    /// The rep to take the lead; absent: the engine chooses, without the current rep.
    #[serde(default)]
    #[garde(skip)]
    pub rm_id: Option<Uuid>,
    #[garde(length(chars, min = 1, max = 500), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 500, pattern = r"\S")
    )]
    pub reason: String,
    /// Default true: the new rep gets a whole SLA window; false keeps the old deadline.
    #[serde(default = "yes")]
    #[garde(skip)]
    pub reset_sla: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BulkReassignRequest {
    /// Live allocations (an id named twice counts once); all move or none does.
    #[garde(length(min = 1, max = 100))]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 100))]
    pub allocation_ids: Vec<Uuid>,
    #[serde(default)]
    #[garde(skip)]
    pub rm_id: Option<Uuid>,
    #[garde(length(chars, min = 1, max = 500), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 500, pattern = r"\S")
    )]
    pub reason: String,
    #[serde(default = "yes")]
    #[garde(skip)]
    pub reset_sla: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct AllocationListQuery {
    pub status: Option<AllocationStatus>,
    pub rm_id: Option<Uuid>,
    pub lead_id: Option<Uuid>,
    pub allocation_type: Option<AllocationType>,
    /// Only pending allocations past their SLA deadline.
    pub overdue: Option<bool>,
    /// Page size, 1–200 (default 50).
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A rep's intake: whether the engine may give it leads, and how many.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepIntake {
    pub user_id: Uuid,
    pub user_name: String,
    pub availability: Availability,
    pub intake_paused: bool,
    /// The rep's own capacity; `null`: the organisation's maximum.
    pub capacity: Option<u32>,
    /// Segments (property types, customer segments) LAR-003 matches.
    pub skills: Vec<String>,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateRepIntakeRequest {
    #[serde(default)]
    #[garde(skip)]
    pub availability: Option<Availability>,
    #[serde(default)]
    #[garde(skip)]
    pub intake_paused: Option<bool>,
    /// A manager's or an admin's: `null` returns to the organisation's maximum.
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[garde(inner(inner(range(max = 1000))))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1000))]
    pub capacity: Option<Option<u32>>,
    /// A manager's or an admin's. Each 1–100 characters; blank ones are dropped, and one named
    /// twice (in any case) counts once.
    #[serde(default)]
    #[garde(inner(length(max = 50), inner(length(chars, min = 1, max = SKILL_MAX_CHARS))))]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub skills: Option<Vec<String>>,
    #[serde(default)]
    #[garde(skip)]
    pub version: Option<i64>,
}

/// The longest skill name.
pub const SKILL_MAX_CHARS: usize = 100;

/// One rep's load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepWorkload {
    pub rm_id: Uuid,
    pub rm_name: String,
    pub team_id: Option<Uuid>,
    pub availability: Availability,
    pub intake_paused: bool,
    /// Pending, accepted and active allocations.
    pub queue_depth: u32,
    pub pending: u32,
    /// Pending past their SLA deadline.
    pub overdue: u32,
    /// The rep's capacity under the organisation's maximum.
    pub capacity: u32,
    /// queue_depth / capacity, in percent (rounded half up; 0 when capacity is 0).
    pub utilisation_percent: u32,
}

/// The workload of the reps in the caller's scope (seed 003 §9.3: utilisation 70–85%, spread
/// under 15 points).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkloadReport {
    pub reps: Vec<RepWorkload>,
    /// The mean of the reps' utilisation, in percent, one decimal.
    #[serde(with = "rust_decimal::serde::float")]
    #[cfg_attr(feature = "openapi", schema(value_type = f64))]
    pub mean_utilisation_percent: Decimal,
    /// The population standard deviation of the reps' utilisation, in percentage points, one
    /// decimal.
    #[serde(with = "rust_decimal::serde::float")]
    #[cfg_attr(feature = "openapi", schema(value_type = f64))]
    pub utilisation_spread: Decimal,
    /// Mean within 70–85% and spread under 15 points.
    pub balanced: bool,
    /// Leads waiting in the overflow pool that the caller can place.
    pub overflow: u32,
}

/// Utilisation in whole percent, half up.
pub fn utilisation_percent(queue: u32, capacity: u32) -> u32 {
    if capacity == 0 {
        return 0;
    }
    ((u64::from(queue) * 200 + u64::from(capacity)) / (u64::from(capacity) * 2)) as u32
}

/// (mean, population standard deviation), each rounded half up to one decimal; (0, 0) for
/// nobody. Exact: integer arithmetic on the sums, no floating point.
pub fn utilisation_stats(percents: &[u32]) -> (Decimal, Decimal) {
    if percents.is_empty() {
        return (Decimal::ZERO, Decimal::ZERO);
    }
    let n = percents.len() as u128;
    let sum: u128 = percents.iter().map(|&p| u128::from(p)).sum();
    let squares: u128 = percents
        .iter()
        .map(|&p| u128::from(p) * u128::from(p))
        .sum();
    let mean_tenths = (20 * sum + n) / (2 * n);
    // The deviation is sqrt(n·Σp² − (Σp)²) / n; in tenths, sqrt(x) / n with x = 100·(…).
    // Rounded half up: the largest k with (k − ½) ≤ sqrt(x) / n, i.e. (2k − 1)²·n² ≤ 4x.
    let x = 100 * (n * squares - sum * sum);
    let mut k = isqrt(x) / n;
    let fits = |k: u128| k == 0 || (2 * k - 1) * (2 * k - 1) * n * n <= 4 * x;
    while fits(k + 1) {
        k += 1;
    }
    while !fits(k) {
        k -= 1;
    }
    let tenths = |v: u128| Decimal::new(i64::try_from(v).unwrap_or(i64::MAX), 1);
    (tenths(mean_tenths), tenths(k))
}

/// The integer square root (the largest r with r² ≤ v).
fn isqrt(v: u128) -> u128 {
    let (mut lo, mut hi) = (0u128, 1u128 << 64);
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if mid.checked_mul(mid).is_some_and(|m| m <= v) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    lo
}

/// Seed 003 §9.3's target band.
pub fn is_balanced(mean: Decimal, spread: Decimal) -> bool {
    (Decimal::from(70)..=Decimal::from(85)).contains(&mean) && spread < Decimal::from(15)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::allocation::{AllocationRule, Exclusion, ExclusionReason, compact};

    #[test]
    fn priority_runs_from_one_at_a_perfect_score_to_five_at_none() {
        let table = [
            (0, 5),
            (12, 5),
            (13, 4),
            (25, 4),
            (37, 4),
            (38, 3),
            (50, 3),
            (62, 3),
            (63, 2),
            (75, 2),
            (87, 2),
            (88, 1),
            (100, 1),
            (250, 1),
        ];
        for (score, want) in table {
            assert_eq!(priority_of(score), want, "score {score}");
        }
    }

    #[test]
    fn utilisation_is_whole_percent_half_up() {
        let table = [
            (0, 25, 0),
            (1, 25, 4),
            (20, 25, 80),
            (25, 25, 100),
            (1, 3, 33),
            (2, 3, 67),
            (1, 8, 13), // 12.5 → 13
            (30, 25, 120),
            (5, 0, 0),
        ];
        for (queue, capacity, want) in table {
            assert_eq!(
                utilisation_percent(queue, capacity),
                want,
                "{queue}/{capacity}"
            );
        }
    }

    #[test]
    fn spread_is_the_population_standard_deviation() {
        let table: [(&[u32], (&str, &str), bool); 5] = [
            (&[], ("0.0", "0.0"), false),
            (&[80], ("80.0", "0.0"), true),
            (&[70, 90], ("80.0", "10.0"), true),
            (&[50, 100], ("75.0", "25.0"), false),
            (&[60, 60, 61], ("60.3", "0.5"), false),
        ];
        for (percents, (mean, spread), balanced) in table {
            let want = (dec(mean), dec(spread));
            let got = utilisation_stats(percents);
            assert_eq!(got, want, "{percents:?}");
            assert_eq!(is_balanced(got.0, got.1), balanced, "{percents:?}");
        }
    }

    #[test]
    fn the_band_edges_are_inclusive_and_the_spread_strict() {
        let table = [
            ("69.9", "0.0", false),
            ("70.0", "0.0", true),
            ("85.0", "14.9", true),
            ("85.1", "0.0", false),
            ("80.0", "15.0", false),
        ];
        for (mean, spread, want) in table {
            assert_eq!(
                is_balanced(dec(mean), dec(spread)),
                want,
                "{mean} ± {spread}"
            );
        }
    }

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn the_reason_says_what_decided() {
        use crate::allocation::{Placement, explain};
        let rr = |remaining: u32, listed: u128, omitted: u32| RuleStep {
            rule: AllocationRule::RoundRobin,
            excluded: (0..listed)
                .map(|i| Exclusion {
                    rep_id: Uuid::from_u128(i),
                    reason: ExclusionReason::LaterInTurn,
                })
                .collect(),
            remaining,
            note: None,
            omitted,
        };
        let aside = |reasons: &[ExclusionReason]| RuleStep {
            rule: AllocationRule::Availability,
            excluded: reasons
                .iter()
                .enumerate()
                .map(|(i, r)| Exclusion {
                    rep_id: Uuid::from_u128(i as u128),
                    reason: *r,
                })
                .collect(),
            remaining: 0,
            note: None,
            omitted: 0,
        };
        let rep = Some(Uuid::from_u128(9));
        use AllocationType::*;
        use ExclusionReason::*;
        let table = [
            (
                rep,
                Geographic,
                vec![rr(1, 2, 0)],
                "Geographic: the longest-waiting of 3 eligible reps",
            ),
            (
                rep,
                RoundRobin,
                vec![rr(1, 25, 974)],
                "Round robin: the longest-waiting of 1000 eligible reps",
            ),
            (
                rep,
                SkillBased,
                vec![rr(1, 0, 0)],
                "Skill-based: the only eligible rep",
            ),
            (rep, Manual, vec![], "Manual: chosen by a manager"),
            (
                None,
                Overflow,
                vec![],
                "Overflow: no rep serves the lead's territory",
            ),
            (
                None,
                Overflow,
                vec![aside(&[OnLeave, AtCapacity, AtCapacity])],
                "Overflow: no rep is eligible (1 on leave, 2 queue at capacity)",
            ),
        ];
        for (rep_id, allocation_type, trace, want) in table {
            let p = Placement {
                rep_id,
                allocation_type,
                trace,
            };
            assert_eq!(explain(&p), want);
        }
    }

    #[test]
    fn a_lead_in_no_territory_with_nobody_to_ask_says_so() {
        use crate::allocation::{AllocationRules, LeadToPlace, allocate, explain};
        let p = allocate(&LeadToPlace::default(), &[], &AllocationRules::default());
        assert_eq!(p.rep_id, None);
        assert_eq!(explain(&p), "Overflow: the lead lies in no territory");
        let geographic: Vec<_> = p
            .trace
            .iter()
            .filter(|s| s.rule == AllocationRule::Geographic)
            .collect();
        assert_eq!(geographic.len(), 1, "one step for the rule: {:?}", p.trace);
    }

    #[test]
    fn live_and_queued_statuses() {
        use AllocationStatus::*;
        for s in AllocationStatus::ALL {
            let live = matches!(s, Pending | Accepted | Active | Escalated);
            assert_eq!(s.is_live(), live, "{s}");
            assert_eq!(
                AllocationStatus::QUEUED.contains(s),
                live && *s != Escalated,
                "{s}"
            );
        }
    }

    #[test]
    fn a_compacted_step_keeps_the_first_exclusions_and_counts_the_rest() {
        let step = |n: u128| RuleStep {
            rule: AllocationRule::RoundRobin,
            excluded: (0..n)
                .map(|i| Exclusion {
                    rep_id: Uuid::from_u128(i),
                    reason: ExclusionReason::LaterInTurn,
                })
                .collect(),
            remaining: 1,
            note: None,
            omitted: 0,
        };
        let cut = compact(vec![step(3), step(25), step(26), step(999)]);
        let shape: Vec<(usize, u32)> = cut.iter().map(|s| (s.excluded.len(), s.omitted)).collect();
        assert_eq!(shape, [(3, 0), (25, 0), (25, 1), (25, 974)]);
        assert_eq!(cut[3].excluded[24].rep_id, Uuid::from_u128(24));
    }
}
