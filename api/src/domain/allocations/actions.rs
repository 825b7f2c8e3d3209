//! The allocation endpoints' rules: allocate a lead, read, the rep's accept and reject, a
//! manager's reassignments.

use closebook_shared::Page;
use closebook_shared::allocation::{
    Allocation, AllocationListQuery, AllocationStatus, BulkReassignRequest,
    CreateAllocationRequest, ReassignAllocationRequest, RejectAllocationRequest,
};
use closebook_shared::leads::Outcome;
use uuid::Uuid;

use super::{Decision, How, decide, decide_manual, record};
use crate::audit;
use crate::authz::{LeadScope, OwnerScope, PipelineCaller, require_manager};
use crate::db::allocations::{self as rows, AllocationRow, Joined, Visible};
use crate::db::columns::uuid_of;
use crate::db::leads::{self as lead_rows, LeadRow};
use crate::db::{DbConn, versioned};
use crate::domain::leads::{hand_over, load_for};
use crate::error::ApiError;
use crate::pagination::PageRequest;
use crate::time;

fn dto((row, company, _, rm_name): Joined) -> Result<Allocation, ApiError> {
    row.to_dto(company, rm_name)
}

/// An allocation this transaction wrote, as the API shows it.
fn written(conn: &mut DbConn, id: &str) -> Result<Allocation, ApiError> {
    let joined = rows::find_joined(conn, uuid_of(id))?;
    dto(joined.ok_or_else(|| ApiError::internal("an allocation written here is gone"))?)
}

/// Whether the caller sees an allocation: its rep is in the caller's scope, or it waits in the
/// overflow pool of a territory the caller places.
fn sees(scope: &LeadScope, row: &AllocationRow, territory: Option<&str>) -> bool {
    match &row.rm_id {
        Some(rep) => scope.covers(rep),
        None => scope.places_pool && scope.in_pool(territory),
    }
}

/// One allocation the caller sees; 404 otherwise.
fn load(conn: &mut DbConn, scope: &LeadScope, id: Uuid) -> Result<Joined, ApiError> {
    rows::find_joined(conn, id)?
        .filter(|(row, _, territory, _)| sees(scope, row, territory.as_deref()))
        .ok_or_else(|| ApiError::not_found("allocation"))
}

pub fn get(conn: &mut DbConn, caller: &PipelineCaller, id: Uuid) -> Result<Allocation, ApiError> {
    dto(load(conn, &caller.scope, id)?)
}

pub fn list(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    q: &AllocationListQuery,
    page: &PageRequest,
) -> Result<Page<Allocation>, ApiError> {
    let scope = &caller.scope;
    let pool: &[String] = if scope.places_pool { &scope.pool } else { &[] };
    let visible = match &scope.owners {
        OwnerScope::All => Visible::All,
        OwnerScope::Owners(reps) => Visible::Of { reps, pool },
        OwnerScope::Nothing => return Ok(Page::empty()),
    };
    let page = rows::list(conn, visible, q, page, time::now())?;
    let items = page.items.into_iter().map(dto).collect::<Result<_, _>>()?;
    Ok(Page {
        items,
        next_cursor: page.next_cursor,
    })
}

/// A rep's queue: pending, accepted and active allocations, the nearest deadline first.
pub fn queue(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    rm_id: Uuid,
) -> Result<Vec<Allocation>, ApiError> {
    let rm = rm_id.to_string();
    if !caller.scope.covers(&rm) {
        return Err(ApiError::not_found("user"));
    }
    rows::queue(conn, &rm)?.into_iter().map(dto).collect()
}

/// A manager allocates one lead: to the rep it names, or the engine decides.
pub fn create(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    req: CreateAllocationRequest,
) -> Result<Allocation, ApiError> {
    require_manager(&caller.principal)?;
    let lead = load_for(conn, &caller.scope, req.lead_id)
        .map_err(|_| ApiError::reference("lead_id", "no such lead"))?;
    if lead.outcome != Outcome::Open {
        return Err(ApiError::conflict("the lead is closed")
            .on_field("lead_id", format!("is {}", lead.outcome)));
    }
    if rows::live_of(conn, &lead.id)?.is_some() {
        return Err(
            ApiError::conflict("the lead is already allocated").on_field(
                "lead_id",
                "has a live allocation: reassign it (POST /allocations/{id}/reassign)",
            ),
        );
    }
    let now = time::now();
    let (decision, how) = match req.rm_id {
        Some(rep) => {
            let rep = rep.to_string();
            check_managed(&caller.scope, &rep, "rm_id")?;
            let d = decide_manual(conn, &rep, "rm_id", now)?;
            let how = How {
                allocated_by: caller.principal.user_id().map(|u| u.to_string()),
                reason: req.reason.map(|r| r.trim().to_owned()),
                ..How::default()
            };
            (d, how)
        }
        None => (decide(conn, &lead, &[], now)?, How::default()),
    };
    let row = move_lead(conn, caller, &lead, &decision, how, "allocated")?;
    written(conn, &row.id)
}

/// The allocated rep accepts: the SLA clock stops.
pub fn accept(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    id: Uuid,
) -> Result<Allocation, ApiError> {
    let (before, ..) = own_allocation(conn, caller, id)?;
    if before.status != AllocationStatus::Pending {
        return Err(ApiError::conflict(format!(
            "only a pending allocation is accepted; this one is {}",
            before.status
        )));
    }
    let now = time::now();
    let mut row = before.clone();
    row.status = AllocationStatus::Accepted;
    row.accepted_at = Some(now);
    row.first_action_at.get_or_insert(now);
    versioned::save(conn, &mut row, before.version, now)?;
    audit_change(conn, caller, "allocation.accept", &before, &row)?;
    get(conn, caller, id)
}

/// The allocated rep turns the lead down: it goes to the next rep (or the overflow pool), and
/// this rep is not asked about it again.
pub fn reject(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    id: Uuid,
    req: RejectAllocationRequest,
) -> Result<Allocation, ApiError> {
    let (before, ..) = own_allocation(conn, caller, id)?;
    if !matches!(
        before.status,
        AllocationStatus::Pending | AllocationStatus::Accepted
    ) {
        return Err(ApiError::conflict(format!(
            "only a pending or accepted allocation is rejected; this one is {}",
            before.status
        )));
    }
    let lead = lead_of(conn, &before)?;
    let now = time::now();
    let rep = before.rm_id.clone().into_iter().collect::<Vec<_>>();
    let decision = decide(conn, &lead, &rep, now)?;
    let mut rejected = before.clone();
    rejected.rejection_reason = Some(req.reason.trim().to_owned());
    let how = How {
        previous: Some((rejected, AllocationStatus::Rejected)),
        ..How::default()
    };
    move_lead(conn, caller, &lead, &decision, how, "rejected by its rep")?;
    get(conn, caller, id)
}

/// A manager moves a live allocation: to the rep it names, or the engine decides without the
/// current rep.
pub fn reassign(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    id: Uuid,
    req: &ReassignAllocationRequest,
) -> Result<Allocation, ApiError> {
    require_manager(&caller.principal)?;
    let (before, ..) = load(conn, &caller.scope, id)?;
    let row = reassign_one(
        conn,
        caller,
        before,
        req.rm_id,
        &req.reason,
        req.reset_sla,
        "rm_id",
    )?;
    written(conn, &row.id)
}

/// Several at once, all or none.
pub fn bulk_reassign(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    req: BulkReassignRequest,
) -> Result<Vec<Allocation>, ApiError> {
    require_manager(&caller.principal)?;
    let mut moved = Vec::with_capacity(req.allocation_ids.len());
    for (i, id) in req.allocation_ids.iter().copied().enumerate() {
        if req.allocation_ids[..i].contains(&id) {
            continue;
        }
        let field = format!("allocation_ids[{i}]");
        let (before, ..) = load(conn, &caller.scope, id)
            .map_err(|_| ApiError::reference(field.clone(), "no such allocation"))?;
        let row = reassign_one(
            conn,
            caller,
            before,
            req.rm_id,
            &req.reason,
            req.reset_sla,
            &field,
        )?;
        moved.push(row.id);
    }
    moved.iter().map(|id| written(conn, id)).collect()
}

fn reassign_one(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    before: AllocationRow,
    rm_id: Option<Uuid>,
    reason: &str,
    reset_sla: bool,
    field: &str,
) -> Result<AllocationRow, ApiError> {
    if !before.status.is_live() {
        return Err(ApiError::conflict(format!(
            "only a live allocation is reassigned; this one is {}",
            before.status
        ))
        .on_field(field, "has ended"));
    }
    let lead = lead_of(conn, &before)?;
    let now = time::now();
    let (decision, by) = match rm_id {
        Some(rep) => {
            let rep = rep.to_string();
            check_managed(&caller.scope, &rep, "rm_id")?;
            if before.rm_id.as_deref() == Some(rep.as_str()) {
                return Err(ApiError::field("rm_id", "already holds this allocation"));
            }
            (
                decide_manual(conn, &rep, "rm_id", now)?,
                caller.principal.user_id().map(|u| u.to_string()),
            )
        }
        None => {
            let current = before.rm_id.clone().into_iter().collect::<Vec<_>>();
            (decide(conn, &lead, &current, now)?, None)
        }
    };
    let deadline = (!reset_sla).then_some(before.sla_deadline);
    let how = How {
        previous: Some((before, AllocationStatus::Reassigned)),
        reassignment_reason: Some(reason.trim().to_owned()),
        allocated_by: by,
        deadline,
        ..How::default()
    };
    move_lead(conn, caller, &lead, &decision, how, reason.trim())
}

/// Hands the lead to the decision's rep (when that changes who holds it) and records the
/// allocation.
fn move_lead(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    lead: &LeadRow,
    decision: &Decision,
    how: How,
    why: &str,
) -> Result<AllocationRow, ApiError> {
    let now = time::now();
    let owner = decision.rep_id();
    let lead = if lead.owner_id == owner {
        lead.clone()
    } else {
        hand_over(conn, &caller.actor, lead, owner, why, None)?.1
    };
    record(conn, &caller.actor, &lead, decision, how, now)
}

/// A manager names a rep it manages (an admin any).
fn check_managed(scope: &LeadScope, rep: &str, field: &str) -> Result<(), ApiError> {
    if scope.covers(rep) {
        Ok(())
    } else {
        Err(ApiError::forbidden("you may not allocate to this user")
            .on_field(field, "is outside the people you manage"))
    }
}

/// The caller's own allocation (accept and reject are the rep's); 404 when the caller does not
/// see it, 403 when it sees it but is not its rep.
fn own_allocation(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    id: Uuid,
) -> Result<Joined, ApiError> {
    let joined = load(conn, &caller.scope, id)?;
    let me = caller.principal.user_id().map(|u| u.to_string());
    if joined.0.rm_id.is_none() || joined.0.rm_id != me {
        return Err(ApiError::forbidden(
            "only the rep the lead is allocated to accepts or rejects it",
        ));
    }
    Ok(joined)
}

fn lead_of(conn: &mut DbConn, row: &AllocationRow) -> Result<LeadRow, ApiError> {
    lead_rows::find(conn, &row.lead_id)?
        .ok_or_else(|| ApiError::internal("allocation without lead"))
}

fn audit_change(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    action: &str,
    before: &AllocationRow,
    after: &AllocationRow,
) -> Result<(), ApiError> {
    let company = lead_of(conn, before)?.company;
    audit::record(
        conn,
        &caller.actor,
        action,
        "allocation",
        Some(&after.id),
        Some(&before.to_dto(company.clone(), None)?),
        Some(&after.to_dto(company, None)?),
    )
}
