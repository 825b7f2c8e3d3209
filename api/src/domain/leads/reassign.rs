//! Handing a lead to another owner (or to nobody): a manager's reassignment, and the moves
//! allocations make.

use closebook_shared::events::{Event, LeadReassigned};
use closebook_shared::leads::{HistoryKind, Lead, ReassignLeadRequest};
use uuid::Uuid;

use super::{check_owner, load_for, save};
use crate::audit::Actor;
use crate::authz::PipelineCaller;
use crate::db::DbConn;
use crate::db::columns::uuid_of;
use crate::db::history::{self, HistoryRow};
use crate::db::leads::LeadRow;
use crate::db::pipelines;
use crate::error::ApiError;
use crate::{concurrency, outbox, time};

pub fn reassign(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    id: Uuid,
    req: ReassignLeadRequest,
    expected: Option<i64>,
) -> Result<Lead, ApiError> {
    let before = load_for(conn, &caller.scope, id)?;
    concurrency::check(expected, before.version)?;
    check_owner(conn, &caller.scope, "owner_id", req.owner_id)?;
    let to = req.owner_id.to_string();
    if before.owner_id.as_deref() == Some(to.as_str()) {
        return Err(ApiError::field("owner_id", "already owns this lead"));
    }
    // The lead leaves whatever allocation held it: the manager placed it by hand.
    crate::domain::allocations::end_live(
        conn,
        &before.id,
        closebook_shared::allocation::AllocationStatus::Reassigned,
        time::now(),
    )?;
    let (dto, _) = hand_over(
        conn,
        &caller.actor,
        &before,
        Some(to),
        req.reason.trim(),
        None,
    )?;
    Ok(dto)
}

/// Gives the lead to `owner` (`None`: nobody), with its history row, audit entry and
/// `sales.lead.reassigned` event; `allocation` names the allocation that moved it.
pub fn hand_over(
    conn: &mut DbConn,
    actor: &Actor,
    before: &LeadRow,
    owner: Option<String>,
    reason: &str,
    allocation: Option<&str>,
) -> Result<(Lead, LeadRow), ApiError> {
    let now = time::now();
    let mut row = before.clone();
    row.owner_id = owner;
    let set = pipelines::stages(conn, &row.pipeline_id)?;
    let (dto, row) = save(conn, actor, "lead.reassign", before, row, &set, now)?;
    let mut h = HistoryRow::new(&row.id, HistoryKind::Owner, actor.id, now);
    h.from_owner_id = before.owner_id.clone();
    h.to_owner_id = row.owner_id.clone();
    h.note = Some(reason.to_owned());
    history::insert(conn, &h)?;
    let event = LeadReassigned {
        lead_id: dto.id,
        from_owner_id: before.owner_id.as_deref().map(uuid_of),
        to_owner_id: dto.owner_id,
        reason: reason.to_owned(),
        allocation_id: allocation.map(uuid_of),
    };
    outbox::emit(conn, &Event::LeadReassigned(event))?;
    Ok((dto, row))
}
