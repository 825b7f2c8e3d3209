//! Handing a lead to another owner.

use closebook_shared::events::{Event, LeadReassigned};
use closebook_shared::leads::{HistoryKind, Lead, ReassignLeadRequest};
use uuid::Uuid;

use super::{check_owner, load_for, save};
use crate::authz::PipelineCaller;
use crate::db::DbConn;
use crate::db::columns::uuid_of;
use crate::db::history::{self, HistoryRow};
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
    if before.owner_id == req.owner_id.to_string() {
        return Err(ApiError::field("owner_id", "already owns this lead"));
    }
    let now = time::now();
    let mut row = before.clone();
    row.owner_id = req.owner_id.to_string();
    let set = pipelines::stages(conn, &row.pipeline_id)?;
    let (dto, row) = save(
        conn,
        &caller.actor,
        "lead.reassign",
        &before,
        row,
        &set,
        now,
    )?;
    let mut h = HistoryRow::new(&row.id, HistoryKind::Owner, caller.actor.id, now);
    h.from_owner_id = Some(before.owner_id.clone());
    h.to_owner_id = Some(row.owner_id.clone());
    h.note = Some(req.reason.trim().to_owned());
    history::insert(conn, &h)?;
    let event = LeadReassigned {
        lead_id: dto.id,
        from_owner_id: uuid_of(&before.owner_id),
        to_owner_id: dto.owner_id,
        reason: req.reason.trim().to_owned(),
    };
    outbox::emit(conn, &Event::LeadReassigned(event))?;
    Ok(dto)
}
