//! Lead allocation (seed 003 §6.1, LAR-001..007): which rep a new lead goes to, decided by one
//! pure, deterministic function over plain inputs. The server runs it inside the transaction
//! that reads the reps' queues and round-robin positions (so two processes cannot both fill the
//! last slot), and the trace it returns is stored with the allocation: a rep or a manager can see
//! which rule passed or excluded whom.
//!
//! The rules, in the order they apply:
//! 1. availability: a rep on leave, offline, with intake paused, or who already turned this lead
//!    down is not a candidate;
//! 2. LAR-001 geographic match: the rep serves the lead's territory or one of its ancestors;
//! 3. LAR-002 capacity: fewer active leads than its capacity (never above the organisation's
//!    maximum, 25 by default);
//! 4. LAR-003 skill match: one of the lead's segments is among the rep's skills (off,
//!    preferred, or required);
//! 5. nearest territory: of the reps left, those serving the deepest of the lead's territories
//!    (a micro-territory's rep before its region's);
//! 6. LAR-005 performance boost: a lead worth at least the threshold goes to a high performer
//!    when one is left;
//! 7. LAR-004 round robin: the rep whose last allocation is the oldest (never allocated first),
//!    ties by id, so a steady group of reps stays within one lead of each other;
//! 8. LAR-007 overflow: nobody left, the lead waits in the overflow pool.
//!
//! LAR-006 (the SLA) is not a choice: [`AllocationRules::sla_minutes`] sets the deadline the
//! server's monitor enforces by allocating again without the rep that let it lapse.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

mod records;
#[cfg(test)]
mod tests;

pub use records::*;

crate::wire_enum! {
    /// Whether a rep takes leads now.
    pub enum Availability {
        Available = "available" => "Available",
        OnLeave = "on_leave" => "On leave",
        Offline = "offline" => "Offline",
    }
}

crate::wire_enum! {
    /// How LAR-003 treats a lead whose segment no candidate has as a skill.
    pub enum SkillMatch {
        /// Skills are not considered.
        Off = "off" => "Off",
        /// Reps with the skill first; without any, the rest stay candidates.
        Prefer = "prefer" => "Preferred",
        /// Only reps with the skill; without any, the lead overflows.
        Require = "require" => "Required",
    }
}

crate::wire_enum! {
    /// A step of the engine, as its trace names it.
    pub enum AllocationRule {
        Availability = "availability" => "Availability",
        Geographic = "geographic_match" => "LAR-001 Geographic match",
        Capacity = "capacity" => "LAR-002 Capacity",
        Skill = "skill_match" => "LAR-003 Skill match",
        NearestTerritory = "nearest_territory" => "Nearest territory",
        PerformanceBoost = "performance_boost" => "LAR-005 Performance boost",
        RoundRobin = "round_robin" => "LAR-004 Round robin",
        Overflow = "overflow" => "LAR-007 Overflow",
    }
}

crate::wire_enum! {
    /// Why a step set a rep aside.
    pub enum ExclusionReason {
        OnLeave = "on_leave" => "On leave",
        Offline = "offline" => "Offline",
        IntakePaused = "intake_paused" => "Intake paused",
        Declined = "declined" => "Turned this lead down or let it lapse",
        OutsideTerritory = "outside_territory" => "Does not serve the lead's territory",
        LeadUnplaced = "lead_unplaced" => "The lead lies in no territory",
        AtCapacity = "at_capacity" => "Queue at capacity",
        LacksSkill = "lacks_skill" => "Lacks the lead's segment",
        FartherTerritory = "farther_territory" => "Serves a wider territory than another candidate",
        NotHighPerformer = "not_high_performer" => "A high performer takes this high-value lead",
        LaterInTurn = "later_in_turn" => "Later in the round-robin turn",
    }
}

crate::wire_enum! {
    /// What decided an allocation (seed 003 §3.2.3 allocation types).
    pub enum AllocationType {
        Geographic = "geographic" => "Geographic",
        SkillBased = "skill_based" => "Skill-based",
        RoundRobin = "round_robin" => "Round robin",
        Manual = "manual" => "Manual",
        Overflow = "overflow" => "Overflow",
    }
}

/// The organisation's allocation settings, with the seed's defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, garde::Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AllocationRules {
    /// LAR-001: only reps serving the lead's territory. Off: every available rep is a candidate.
    #[garde(skip)]
    pub geographic: bool,
    /// LAR-002: the most active leads any rep holds (a rep's own capacity may be lower).
    #[garde(range(min = 1, max = 1000))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1000))]
    pub max_active_leads: u32,
    /// LAR-003.
    #[garde(skip)]
    pub skill_match: SkillMatch,
    /// LAR-005: a lead worth at least this (minor units of the lead's currency) goes to a rep
    /// whose performance score is at least `high_performer_score`; `null` turns the rule off.
    #[garde(inner(range(min = 0, max = 1_000_000_000_000_000)))]
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 1000000000000000i64)
    )]
    pub high_value_minor: Option<i64>,
    /// A rep's score is its closes over the last 90 days against the production threshold's
    /// green line (100: at or above it).
    #[garde(range(max = 100))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100))]
    pub high_performer_score: u32,
    /// LAR-006: minutes a rep has to act on a new allocation before it moves on.
    #[garde(range(min = 5, max = 10080))]
    #[cfg_attr(feature = "openapi", schema(minimum = 5, maximum = 10080))]
    pub sla_minutes: u32,
}

impl Default for AllocationRules {
    fn default() -> Self {
        Self {
            geographic: true,
            max_active_leads: 25,
            skill_match: SkillMatch::Prefer,
            high_value_minor: None,
            high_performer_score: 80,
            sla_minutes: 120,
        }
    }
}

/// The lead being placed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LeadToPlace {
    /// The lead's territory, then its ancestors up to the region; empty when it lies in none.
    pub territories: Vec<Uuid>,
    /// The segments (property type, customer segment: the lead's tags) LAR-003 matches
    /// against skills.
    pub segments: Vec<String>,
    /// The deal value in minor units, for LAR-005.
    pub value_minor: Option<i64>,
    /// Reps that turned this lead down or let it lapse: not asked again.
    pub declined_by: Vec<Uuid>,
}

/// A rep who might take the lead, as the database knows it at this moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub rep_id: Uuid,
    /// Territories the rep serves (owner or contributor assignments in force).
    pub territories: Vec<Uuid>,
    pub skills: Vec<String>,
    /// The rep's own capacity; the organisation's maximum applies over it.
    pub capacity: Option<u32>,
    pub active_leads: u32,
    pub availability: Availability,
    pub intake_paused: bool,
    /// 0–100, from the rep's recent results.
    pub performance_score: u32,
    /// Round-robin position: the sequence number of the rep's last allocation (`None`: never).
    pub last_allocated: Option<i64>,
}

impl Candidate {
    /// The most active leads this rep may hold under `rules`.
    pub fn capacity_under(&self, rules: &AllocationRules) -> u32 {
        self.capacity
            .map_or(rules.max_active_leads, |c| c.min(rules.max_active_leads))
    }
}

/// A rep set aside by a step, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Exclusion {
    pub rep_id: Uuid,
    pub reason: ExclusionReason,
}

/// One step of the trace: whom it set aside and how many candidates it left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RuleStep {
    pub rule: AllocationRule,
    pub excluded: Vec<Exclusion>,
    pub remaining: u32,
    /// What the step did when it set nobody aside for a reason worth saying (a preference
    /// that nobody met, a rule turned off).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How many more reps the step set aside than `excluded` lists (a stored trace keeps
    /// [`TRACE_EXCLUSIONS`] per step).
    #[serde(default)]
    pub omitted: u32,
}

/// The geographic step's note for a lead that lies in no territory.
const UNPLACED: &str = "the lead lies in no territory";

/// One line saying why the placement went where it did, for people (the allocation's reason).
pub fn explain(p: &Placement) -> String {
    let set_aside = |s: &RuleStep| s.excluded.len() as u32 + s.omitted;
    match p.rep_id {
        Some(_) if p.allocation_type == AllocationType::Manual => {
            "Manual: chosen by a manager".to_owned()
        }
        Some(_) => {
            let eligible = p
                .trace
                .iter()
                .find(|s| s.rule == AllocationRule::RoundRobin)
                .map_or(1, |s| s.remaining + set_aside(s));
            let of = if eligible == 1 {
                "the only eligible rep".to_owned()
            } else {
                format!("the longest-waiting of {eligible} eligible reps")
            };
            format!("{}: {of}", p.allocation_type.label())
        }
        None => {
            let mut counts: Vec<(ExclusionReason, u32)> = Vec::new();
            for step in &p.trace {
                for e in &step.excluded {
                    match counts.iter_mut().find(|(r, _)| *r == e.reason) {
                        Some((_, n)) => *n += 1,
                        None => counts.push((e.reason, 1)),
                    }
                }
            }
            if counts.is_empty() {
                let unplaced = p.trace.iter().any(|s| s.note.as_deref() == Some(UNPLACED));
                return if unplaced {
                    "Overflow: the lead lies in no territory".to_owned()
                } else {
                    "Overflow: no rep serves the lead's territory".to_owned()
                };
            }
            let parts: Vec<String> = counts
                .iter()
                .map(|(r, n)| format!("{n} {}", r.label().to_lowercase()))
                .collect();
            format!("Overflow: no rep is eligible ({})", parts.join(", "))
        }
    }
}

/// The most exclusions a stored step lists.
pub const TRACE_EXCLUSIONS: usize = 25;

/// `trace` with each step's list cut to [`TRACE_EXCLUSIONS`], the rest counted in `omitted`:
/// with the geographic rule off, every rep is a candidate and a full list would be thousands.
pub fn compact(mut trace: Vec<RuleStep>) -> Vec<RuleStep> {
    for step in &mut trace {
        if step.excluded.len() > TRACE_EXCLUSIONS {
            step.omitted += (step.excluded.len() - TRACE_EXCLUSIONS) as u32;
            step.excluded.truncate(TRACE_EXCLUSIONS);
        }
    }
    trace
}

/// The engine's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// The chosen rep, or `None` for the overflow pool.
    pub rep_id: Option<Uuid>,
    pub allocation_type: AllocationType,
    pub trace: Vec<RuleStep>,
}

/// Places `lead` with one of `candidates` under `rules` (see the module's documentation for the
/// order of the rules). Deterministic: the same inputs give the same rep and the same trace.
pub fn allocate(
    lead: &LeadToPlace,
    candidates: &[Candidate],
    rules: &AllocationRules,
) -> Placement {
    let mut run = Run {
        left: candidates.iter().collect(),
        trace: Vec::new(),
    };
    run.step(AllocationRule::Availability, |c| {
        if lead.declined_by.contains(&c.rep_id) {
            Some(ExclusionReason::Declined)
        } else {
            match c.availability {
                Availability::OnLeave => Some(ExclusionReason::OnLeave),
                Availability::Offline => Some(ExclusionReason::Offline),
                Availability::Available if c.intake_paused => Some(ExclusionReason::IntakePaused),
                Availability::Available => None,
            }
        }
    });
    let depth = |c: &Candidate| {
        lead.territories
            .iter()
            .position(|t| c.territories.contains(t))
    };
    if rules.geographic {
        let unplaced = lead.territories.is_empty();
        if unplaced && run.left.is_empty() {
            // Nobody to set aside (the server asks only the reps serving the lead's
            // territories): say why there is nobody.
            run.note(AllocationRule::Geographic, UNPLACED);
        } else {
            run.step(AllocationRule::Geographic, |c| match depth(c) {
                Some(_) => None,
                None if unplaced => Some(ExclusionReason::LeadUnplaced),
                None => Some(ExclusionReason::OutsideTerritory),
            });
        }
    } else {
        run.note(AllocationRule::Geographic, "off");
    }
    run.step(AllocationRule::Capacity, |c| {
        (c.active_leads >= c.capacity_under(rules)).then_some(ExclusionReason::AtCapacity)
    });
    let skill_narrowed = run.skill(lead, rules.skill_match);
    if rules.geographic {
        let nearest = run.left.iter().filter_map(|c| depth(c)).min();
        run.step(AllocationRule::NearestTerritory, |c| {
            (depth(c) > nearest).then_some(ExclusionReason::FartherTerritory)
        });
    }
    run.performance_boost(lead, rules);
    let chosen = run
        .left
        .iter()
        .min_by_key(|c| (c.last_allocated.is_some(), c.last_allocated, c.rep_id))
        .map(|c| c.rep_id);
    match chosen {
        Some(rep_id) => {
            run.step(AllocationRule::RoundRobin, |c| {
                (c.rep_id != rep_id).then_some(ExclusionReason::LaterInTurn)
            });
            let allocation_type = if skill_narrowed {
                AllocationType::SkillBased
            } else if rules.geographic {
                AllocationType::Geographic
            } else {
                AllocationType::RoundRobin
            };
            Placement {
                rep_id: Some(rep_id),
                allocation_type,
                trace: run.trace,
            }
        }
        None => {
            run.note(
                AllocationRule::Overflow,
                "no rep is eligible: the lead waits in the overflow pool",
            );
            Placement {
                rep_id: None,
                allocation_type: AllocationType::Overflow,
                trace: run.trace,
            }
        }
    }
}

/// The candidates still in the running, and the trace so far.
struct Run<'a> {
    left: Vec<&'a Candidate>,
    trace: Vec<RuleStep>,
}

impl<'a> Run<'a> {
    /// Sets aside every candidate `reason` names a reason for, and records the step.
    fn step(
        &mut self,
        rule: AllocationRule,
        reason: impl Fn(&Candidate) -> Option<ExclusionReason>,
    ) {
        let mut excluded = Vec::new();
        self.left.retain(|c| match reason(c) {
            Some(reason) => {
                excluded.push(Exclusion {
                    rep_id: c.rep_id,
                    reason,
                });
                false
            }
            None => true,
        });
        self.trace.push(RuleStep {
            rule,
            excluded,
            remaining: self.left.len() as u32,
            note: None,
            omitted: 0,
        });
    }

    fn note(&mut self, rule: AllocationRule, note: &str) {
        self.trace.push(RuleStep {
            rule,
            excluded: Vec::new(),
            remaining: self.left.len() as u32,
            note: Some(note.to_owned()),
            omitted: 0,
        });
    }

    /// LAR-003; true when it narrowed the candidates to the skilled.
    fn skill(&mut self, lead: &LeadToPlace, mode: SkillMatch) -> bool {
        if mode == SkillMatch::Off || lead.segments.is_empty() {
            let why = if mode == SkillMatch::Off {
                "off"
            } else {
                "the lead has no segment"
            };
            self.note(AllocationRule::Skill, why);
            return false;
        }
        let skilled = |c: &Candidate| {
            c.skills
                .iter()
                .any(|s| lead.segments.iter().any(|g| s.eq_ignore_ascii_case(g)))
        };
        let any_skilled = self.left.iter().any(|c| skilled(c));
        if mode == SkillMatch::Prefer && !any_skilled {
            self.note(
                AllocationRule::Skill,
                "nobody left has the segment: preferred, not required",
            );
            return false;
        }
        let before = self.left.len();
        self.step(AllocationRule::Skill, |c| {
            (!skilled(c)).then_some(ExclusionReason::LacksSkill)
        });
        self.left.len() < before
    }

    /// LAR-005: a high-value lead to the high performers left, when there are any.
    fn performance_boost(&mut self, lead: &LeadToPlace, rules: &AllocationRules) {
        let Some(threshold) = rules.high_value_minor else {
            self.note(AllocationRule::PerformanceBoost, "off");
            return;
        };
        if lead.value_minor.is_none_or(|v| v < threshold) {
            self.note(AllocationRule::PerformanceBoost, "not a high-value lead");
            return;
        }
        let high = |c: &Candidate| c.performance_score >= rules.high_performer_score;
        if !self.left.iter().any(|c| high(c)) {
            self.note(AllocationRule::PerformanceBoost, "no high performer left");
            return;
        }
        self.step(AllocationRule::PerformanceBoost, |c| {
            (!high(c)).then_some(ExclusionReason::NotHighPerformer)
        });
    }
}
