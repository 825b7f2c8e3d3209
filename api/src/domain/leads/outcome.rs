//! Closing a lead won or lost; won opens a client account.

use closebook_shared::events::{Event, PipelineClosed};
use closebook_shared::leads::{HistoryKind, Lead, Outcome, SetOutcomeRequest};
use closebook_shared::pipelines::StageKind;
use uuid::Uuid;

use super::{held_by, load_for, refuse_closed, save, trimmed};
use crate::audit;
use crate::authz::PipelineCaller;
use crate::db::DbConn;
use crate::db::clients::{self as client_rows, ClientRow};
use crate::db::columns::uuid_of;
use crate::db::history::{self, HistoryRow};
use crate::db::pipelines;
use crate::db::users as user_rows;
use crate::error::ApiError;
use crate::{concurrency, outbox, time};

/// A closing request's own rules (no database): `won`, or `lost` with a reason. Returns the
/// kind of stage it closes into.
fn check_closing(outcome: Outcome, lost_reason: Option<&str>) -> Result<StageKind, ApiError> {
    match outcome {
        Outcome::Won => Ok(StageKind::Won),
        Outcome::Lost if lost_reason.is_some_and(|r| !r.trim().is_empty()) => Ok(StageKind::Lost),
        Outcome::Lost => Err(ApiError::field(
            "lost_reason",
            "is required when the lead is lost",
        )),
        Outcome::Open => Err(ApiError::field("outcome", "must be `won` or `lost`")),
    }
}

pub fn set_outcome(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    id: Uuid,
    req: SetOutcomeRequest,
    expected: concurrency::Precondition,
) -> Result<Lead, ApiError> {
    let SetOutcomeRequest {
        outcome,
        lost_reason,
        ..
    } = req;
    // The request's own rules first: a 422 says what to fix, which a 412 would hide.
    let kind = check_closing(outcome, lost_reason.as_deref())?;
    let expected = expected?;
    let before = load_for(conn, &caller.scope, id)?;
    concurrency::check(expected, before.version)?;
    let lost_reason = trimmed(lost_reason);
    refuse_closed(&before)?;
    let owner = held_by(&before)?;
    let set = pipelines::stages(conn, &before.pipeline_id)?;
    let stage = set
        .of_kind(kind)
        .ok_or_else(|| ApiError::internal("pipeline without a closing stage"))?
        .clone();
    let now = time::now();
    let mut row = before.clone();
    row.stage_id.clone_from(&stage.id);
    row.outcome = outcome;
    row.probability = stage.probability;
    row.closed_at = Some(now);
    row.lost_reason = if outcome == Outcome::Lost {
        lost_reason.clone()
    } else {
        None
    };
    if outcome == Outcome::Won {
        let client = ClientRow {
            id: Uuid::now_v7().to_string(),
            lead_id: row.id.clone(),
            name: row.company.clone(),
            owner_id: owner.clone(),
            deal_value_minor: row.deal_value_minor,
            deal_currency: row.deal_currency.clone(),
            signed_at: now,
            created_at: now,
            residual_locked_minor: None,
            residual_currency: None,
            cancelled_at: None,
        };
        client_rows::insert(conn, &client)?;
        let owner_name = user_rows::name_of(conn, &client.owner_id)?;
        audit::record_after(
            conn,
            &caller.actor,
            "client.create",
            "client",
            &client.id,
            &client.to_dto(&owner_name),
        )?;
        row.client_id = Some(client.id);
    }
    let (dto, row) = save(conn, &caller.actor, "lead.outcome", &before, row, &set, now)?;
    crate::domain::allocations::note_closed(conn, &row, now)?;
    let mut h = HistoryRow::new(&row.id, HistoryKind::Outcome, caller.actor.id, now);
    h.from_stage_id = Some(before.stage_id.clone());
    h.to_stage_id = Some(row.stage_id.clone());
    h.outcome = Some(row.outcome);
    h.note = lost_reason;
    history::insert(conn, &h)?;
    let event = PipelineClosed {
        lead_id: dto.id,
        outcome: dto.outcome,
        owner_id: uuid_of(&owner),
        client_id: dto.client_id,
        deal_value: dto.deal_value.clone(),
        closed_at: dto.closed_at,
        lost_reason: dto.lost_reason.clone(),
    };
    outbox::emit(conn, &Event::PipelineClosed(event))?;
    Ok(dto)
}
