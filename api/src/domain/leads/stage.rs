//! Moving an open lead to another open stage.

use closebook_shared::events::{Event, StageChanged};
use closebook_shared::leads::{ChangeStageRequest, HistoryKind, Lead};
use closebook_shared::pipelines::StageKind;
use uuid::Uuid;

use super::{held_by, load_for, refuse_closed, save, trimmed};
use crate::authz::PipelineCaller;
use crate::db::DbConn;
use crate::db::columns::uuid_of;
use crate::db::history::{self, HistoryRow};
use crate::db::leads as rows;
use crate::db::pipelines;
use crate::error::ApiError;
use crate::{concurrency, outbox, time};

pub fn change_stage(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    id: Uuid,
    req: ChangeStageRequest,
    expected: Option<i64>,
) -> Result<Lead, ApiError> {
    let before = load_for(conn, &caller.scope, id)?;
    concurrency::check(expected, before.version)?;
    refuse_closed(&before)?;
    let owner = held_by(&before)?;
    let set = pipelines::stages(conn, &before.pipeline_id)?;
    let stage = set
        .get(&req.stage_id.to_string())
        .ok_or_else(|| ApiError::reference("stage_id", "is not a stage of the lead's pipeline"))?;
    if stage.kind() != StageKind::Open {
        return Err(ApiError::reference(
            "stage_id",
            "is a closing stage; use POST /leads/{id}/outcome to win or lose",
        ));
    }
    if stage.id == before.stage_id {
        return rows::to_dto_with(conn, &set, &before);
    }
    let now = time::now();
    let mut row = before.clone();
    row.stage_id.clone_from(&stage.id);
    row.probability = stage.probability;
    let (dto, row) = save(conn, &caller.actor, "lead.stage", &before, row, &set, now)?;
    crate::domain::allocations::note_action(conn, &row, caller.principal.user_id(), now)?;
    let mut h = HistoryRow::new(&row.id, HistoryKind::Stage, caller.actor.id, now);
    h.from_stage_id = Some(before.stage_id.clone());
    h.to_stage_id = Some(row.stage_id.clone());
    h.note = trimmed(req.note);
    history::insert(conn, &h)?;
    let event = StageChanged {
        lead_id: dto.id,
        owner_id: uuid_of(&owner),
        from_stage_id: uuid_of(&before.stage_id),
        to_stage_id: dto.stage_id,
        stage_key: dto.stage_key.clone(),
    };
    outbox::emit(conn, &Event::StageChanged(event))?;
    Ok(dto)
}
