//! Allocating leads to reps (seed 003 §3.2.3, §6.1). The pure engine
//! (`closebook_shared::allocation::allocate`) decides; this module feeds it what the database
//! knows at that moment and records what it decided.
//!
//! Every decision starts by taking the next number of the one-row `allocation_sequence`
//! (`db::allocations::next_sequence`). On PostgreSQL that row lock holds every other
//! allocation, claim and reassignment until the transaction ends, so the queue depths and
//! round-robin positions the engine reads are current in every API process; on SQLite there
//! is one writer anyway. Capacity (LAR-002) and the round-robin turn (LAR-004) therefore hold
//! under parallel requests (`tests/allocations/fairness.rs`).

mod actions;
mod claim;
mod intake;
mod notify;
mod sla;
mod workload;

use chrono::{Duration, NaiveDateTime};
use closebook_shared::allocation::{
    self as engine, AllocationRule, AllocationRules, AllocationStatus, Availability, Candidate,
    LeadToPlace, Placement, RuleStep,
};
use closebook_shared::events::{Event, LeadAllocated};
use closebook_shared::leads::Outcome;
use closebook_shared::territories::ProductionThresholds;
use closebook_shared::{Role, allocation::AllocationType};
use diesel::prelude::*;
use uuid::Uuid;

pub use actions::{accept, bulk_reassign, create, get, list, queue, reassign, reject};
pub use claim::claim;
pub use intake::{get_intake, update_intake};
pub use sla::expire_lapsed;
pub use workload::workload;

use crate::audit::{self, Actor};
use crate::db::allocations::{self as rows, AllocationRow};
use crate::db::columns::{json_list, uuid_of};
use crate::db::leads::LeadRow;
use crate::db::schema::{leads, users};
use crate::db::{DbConn, settings, territories, versioned};
use crate::error::ApiError;
use crate::outbox;

/// What the engine (or a manager) decided, with the sequence number that orders it.
#[derive(Debug, Clone)]
pub struct Decision {
    pub placement: Placement,
    pub sequence: i64,
    pub rules: AllocationRules,
}

impl Decision {
    pub fn rep_id(&self) -> Option<String> {
        self.placement.rep_id.map(|r| r.to_string())
    }
}

/// Runs the engine for `lead` (not yet saved, or as it stands), leaving out the reps that
/// turned it down or let it lapse and `also_exclude`.
pub fn decide(
    conn: &mut DbConn,
    lead: &LeadRow,
    also_exclude: &[String],
    now: NaiveDateTime,
) -> Result<Decision, ApiError> {
    let sequence = rows::next_sequence(conn)?;
    let settings = settings::get(conn)?;
    let rules = settings.allocation_rules();
    let chain = match &lead.territory_id {
        Some(t) => territories::with_ancestors(conn, t)?,
        None => Vec::new(),
    };
    let mut declined = rows::declined_by(conn, &lead.id)?;
    declined.extend(also_exclude.iter().cloned());
    // With LAR-001 on, only the reps serving the lead's territories are candidates at all: a
    // trace listing every other rep of the organisation as "outside" would say nothing.
    let served: Vec<(String, String)> = if chain.is_empty() {
        Vec::new()
    } else {
        territories::servers_of(conn, &chain, now.date())?
    };
    let reps: Vec<String> = if rules.geographic {
        active_reps(conn, Some(served.iter().map(|(u, _)| u.clone()).collect()))?
    } else {
        active_reps(conn, None)?
    };
    let thresholds = settings.production();
    let candidates = candidates(conn, &reps, &served, (&rules, thresholds), lead, now)?;
    let to_place = LeadToPlace {
        territories: chain.iter().map(|t| uuid_of(t)).collect(),
        segments: json_list(&lead.tags),
        value_minor: lead.deal_value_minor,
        declined_by: declined.iter().map(|d| uuid_of(d)).collect(),
    };
    let mut placement = engine::allocate(&to_place, &candidates, &rules);
    placement.trace = engine::compact(placement.trace);
    Ok(Decision {
        placement,
        sequence,
        rules,
    })
}

/// A manager's choice of `rep` for the lead: an active sales rep, available, within capacity.
pub fn decide_manual(
    conn: &mut DbConn,
    rep: &str,
    field: &str,
    now: NaiveDateTime,
) -> Result<Decision, ApiError> {
    let sequence = rows::next_sequence(conn)?;
    let rules = settings::get(conn)?.allocation_rules();
    if active_reps(conn, Some(vec![rep.to_owned()]))?.is_empty() {
        return Err(ApiError::reference(field, "must be an active sales rep"));
    }
    let intake = rows::intakes(conn, &[rep.to_owned()])?.remove(rep);
    let intake = intake.unwrap_or_else(|| rows::IntakeRow::default_for(rep, now));
    if intake.availability != Availability::Available {
        return Err(ApiError::conflict("the rep is not taking leads").on_field(
            field,
            format!("is {}", intake.availability.label().to_lowercase()),
        ));
    }
    let queued = rows::queue_depths(conn, &[rep.to_owned()])?
        .get(rep)
        .copied()
        .unwrap_or(0);
    let capacity = capacity_of(&intake, &rules);
    if queued >= capacity {
        return Err(ApiError::conflict("the rep's queue is full (LAR-002)")
            .on_field(field, format!("holds {queued} of {capacity} active leads")));
    }
    let placement = Placement {
        rep_id: Some(uuid_of(rep)),
        allocation_type: AllocationType::Manual,
        trace: vec![RuleStep {
            rule: AllocationRule::Capacity,
            excluded: Vec::new(),
            remaining: 1,
            note: Some(format!(
                "chosen by a manager; {queued} of {capacity} active leads before this one"
            )),
            omitted: 0,
        }],
    };
    Ok(Decision {
        placement,
        sequence,
        rules,
    })
}

/// How a new allocation comes about, beyond the decision.
#[derive(Debug, Default)]
pub struct How {
    /// The live allocation it takes over from, and the status that one ends in.
    pub previous: Option<(AllocationRow, AllocationStatus)>,
    pub reassignment_reason: Option<String>,
    /// The manager who chose (a manual allocation); `None`: the engine.
    pub allocated_by: Option<String>,
    /// Keep this SLA deadline instead of a fresh one.
    pub deadline: Option<NaiveDateTime>,
    /// A claim: the rep took the lead itself, so it starts accepted.
    pub claimed: bool,
    /// Free text: why (a manager's note, "claimed").
    pub reason: Option<String>,
}

/// Writes the allocation `d` made of `lead` (whose owner is already the chosen rep): ends the
/// allocation it takes over from, moves the rep's round-robin position, notifies, emits
/// `sales.lead.allocated`, audits.
pub fn record(
    conn: &mut DbConn,
    actor: &Actor,
    lead: &LeadRow,
    d: &Decision,
    how: How,
    now: NaiveDateTime,
) -> Result<AllocationRow, ApiError> {
    let id = Uuid::now_v7().to_string();
    let rep = d.rep_id();
    let previous_rm = how.previous.as_ref().and_then(|(p, _)| p.rm_id.clone());
    if let Some((prev, status)) = &how.previous {
        let mut ended = prev.clone();
        ended.status = *status;
        ended.superseded_by = Some(id.clone());
        ended.ended_at = Some(now);
        versioned::save(conn, &mut ended, prev.version, now)?;
        notify::moved_on(
            conn,
            &ended,
            &lead.company,
            how.reassignment_reason.as_deref(),
            now,
        )?;
    }
    let status = match (&rep, how.claimed) {
        (None, _) => AllocationStatus::Escalated,
        (Some(_), true) => AllocationStatus::Accepted,
        (Some(_), false) => AllocationStatus::Pending,
    };
    let sla = Duration::minutes(i64::from(d.rules.sla_minutes));
    let row = AllocationRow {
        id,
        lead_id: lead.id.clone(),
        rm_id: rep.clone(),
        allocation_type: d.placement.allocation_type,
        allocation_reason: how
            .reason
            .clone()
            .unwrap_or_else(|| engine::explain(&d.placement)),
        priority: i32::from(engine::priority_of(lead.score.max(0) as u32)),
        status,
        allocated_at: now,
        accepted_at: how.claimed.then_some(now),
        first_action_at: how.claimed.then_some(now),
        sla_deadline: how.deadline.unwrap_or(now + sla),
        is_reassignment: how.previous.is_some(),
        previous_rm_id: previous_rm,
        reassignment_reason: how.reassignment_reason,
        rejection_reason: None,
        superseded_by: None,
        sequence: d.sequence,
        trace: serde_json::to_string(&d.placement.trace).map_err(ApiError::internal)?,
        allocated_by: how.allocated_by,
        ended_at: None,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    rows::insert(conn, &row)?;
    if let Some(rep) = &rep {
        rows::mark_allocated(conn, rep, d.sequence, now)?;
    }
    notify::allocated(conn, &row, lead, now)?;
    let dto = row.to_dto(lead.company.clone(), None)?;
    audit::record_after(
        conn,
        actor,
        "allocation.create",
        "allocation",
        &row.id,
        &dto,
    )?;
    let event = LeadAllocated {
        allocation_id: dto.id,
        lead_id: dto.lead_id,
        rm_id: dto.rm_id,
        allocation_type: dto.allocation_type,
        is_reassignment: dto.is_reassignment,
    };
    outbox::emit(conn, &Event::LeadAllocated(event))?;
    Ok(row)
}

/// Ends the lead's live allocation, if any, in `status` (a manager placed the lead by hand:
/// `reassigned`; it was won or lost: `completed`).
pub fn end_live(
    conn: &mut DbConn,
    lead_id: &str,
    status: AllocationStatus,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    if let Some(live) = rows::live_of(conn, lead_id)? {
        let mut ended = live.clone();
        ended.status = status;
        ended.ended_at = Some(now);
        versioned::save(conn, &mut ended, live.version, now)?;
    }
    Ok(())
}

/// The rep acted on the lead (an activity, a stage): its pending or accepted allocation
/// becomes active, and the SLA clock stops (LAR-006 counts the first action).
pub fn note_action(
    conn: &mut DbConn,
    lead: &LeadRow,
    actor: Option<Uuid>,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let Some(live) = rows::live_of(conn, &lead.id)? else {
        return Ok(());
    };
    let by_holder = actor.is_some_and(|a| live.rm_id.as_deref() == Some(a.to_string().as_str()));
    if !by_holder
        || !matches!(
            live.status,
            AllocationStatus::Pending | AllocationStatus::Accepted
        )
    {
        return Ok(());
    }
    let mut row = live.clone();
    row.status = AllocationStatus::Active;
    row.first_action_at.get_or_insert(now);
    versioned::save(conn, &mut row, live.version, now)
}

/// A lead won or lost completes its live allocation.
pub fn note_closed(conn: &mut DbConn, lead: &LeadRow, now: NaiveDateTime) -> Result<(), ApiError> {
    if lead.outcome == Outcome::Open {
        return Ok(());
    }
    end_live(conn, &lead.id, AllocationStatus::Completed, now)
}

/// Active sales reps: among `among`, or all.
fn active_reps(conn: &mut DbConn, among: Option<Vec<String>>) -> Result<Vec<String>, ApiError> {
    let mut query = users::table
        .filter(users::role.eq(Role::SalesRep))
        .filter(users::active.eq(true))
        .select(users::id)
        .into_boxed();
    if let Some(among) = among {
        if among.is_empty() {
            return Ok(Vec::new());
        }
        query = query.filter(users::id.eq_any(among));
    }
    Ok(query.order(users::id).load(conn)?)
}

fn capacity_of(intake: &rows::IntakeRow, rules: &AllocationRules) -> u32 {
    intake.capacity.map_or(rules.max_active_leads, |c| {
        (c.max(0) as u32).min(rules.max_active_leads)
    })
}

/// The engine's view of `reps`: their territories, intake, queue depth and, when LAR-005 can
/// apply to this lead, their performance score.
fn candidates(
    conn: &mut DbConn,
    reps: &[String],
    served: &[(String, String)],
    (rules, thresholds): (&AllocationRules, ProductionThresholds),
    lead: &LeadRow,
    now: NaiveDateTime,
) -> Result<Vec<Candidate>, ApiError> {
    if reps.is_empty() {
        return Ok(Vec::new());
    }
    let intakes = rows::intakes(conn, reps)?;
    let depths = rows::queue_depths(conn, reps)?;
    let boost_applies = rules
        .high_value_minor
        .is_some_and(|t| lead.deal_value_minor.is_some_and(|v| v >= t));
    let scores = if boost_applies {
        closes_since(conn, reps, now - Duration::days(90))?
            .into_iter()
            .map(|(rep, n)| (rep, thresholds.score(n)))
            .collect()
    } else {
        std::collections::HashMap::new()
    };
    Ok(reps
        .iter()
        .map(|rep| {
            let intake = intakes
                .get(rep)
                .cloned()
                .unwrap_or_else(|| rows::IntakeRow::default_for(rep, now));
            Candidate {
                rep_id: uuid_of(rep),
                territories: served
                    .iter()
                    .filter(|(u, _)| u == rep)
                    .map(|(_, t)| uuid_of(t))
                    .collect(),
                skills: intake.skills(),
                capacity: intake.capacity.map(|c| c.max(0) as u32),
                active_leads: depths.get(rep).copied().unwrap_or(0),
                availability: intake.availability,
                intake_paused: intake.intake_paused,
                performance_score: scores.get(rep).copied().unwrap_or(0),
                last_allocated: intake.last_allocated,
            }
        })
        .collect())
}

/// Won leads per rep closed since `since`.
pub fn closes_since(
    conn: &mut DbConn,
    reps: &[String],
    since: NaiveDateTime,
) -> Result<Vec<(String, u32)>, ApiError> {
    let rows: Vec<(Option<String>, i64)> = leads::table
        .filter(leads::owner_id.eq_any(reps.to_vec()))
        .filter(leads::outcome.eq(Outcome::Won))
        .filter(leads::closed_at.ge(since))
        .group_by(leads::owner_id)
        .select((leads::owner_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(rep, n)| rep.map(|r| (r, u32::try_from(n).unwrap_or(u32::MAX))))
        .collect())
}
