//! Moves of an existing lead: to another open stage, closed won or lost, to another owner,
//! its deal fields, and referral asks.

use closebook_shared::events::{Event, LeadReassigned, PipelineClosed, StageChanged};
use closebook_shared::leads::{
    ChangeStageRequest, HistoryKind, Lead, Outcome, ReassignLeadRequest, ReferralAskRequest,
    ReferralAskStatus, SetOutcomeRequest, UpdateDealRequest,
};
use closebook_shared::pipelines::StageKind;
use uuid::Uuid;

use super::{check_owner, load_for, refuse_closed, save, trimmed};
use crate::audit::{self};
use crate::authz::PipelineCaller;
use crate::db::DbConn;
use crate::db::clients::{self as client_rows, ClientRow};
use crate::db::columns::{money_columns, to_json_list, uuid_of};
use crate::db::history::{self, HistoryRow};
use crate::db::leads as rows;
use crate::db::pipelines;
use crate::db::users as user_rows;
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
    let mut h = HistoryRow::new(&row.id, HistoryKind::Stage, caller.actor.id, now);
    h.from_stage_id = Some(before.stage_id.clone());
    h.to_stage_id = Some(row.stage_id.clone());
    h.note = trimmed(req.note);
    history::insert(conn, &h)?;
    let event = StageChanged {
        lead_id: dto.id,
        owner_id: dto.owner_id,
        from_stage_id: uuid_of(&before.stage_id),
        to_stage_id: dto.stage_id,
        stage_key: dto.stage_key.clone(),
    };
    outbox::emit(conn, &Event::StageChanged(event))?;
    Ok(dto)
}

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
            owner_id: row.owner_id.clone(),
            deal_value_minor: row.deal_value_minor,
            deal_currency: row.deal_currency.clone(),
            signed_at: now,
            created_at: now,
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
    let mut h = HistoryRow::new(&row.id, HistoryKind::Outcome, caller.actor.id, now);
    h.from_stage_id = Some(before.stage_id.clone());
    h.to_stage_id = Some(row.stage_id.clone());
    h.outcome = Some(row.outcome);
    h.note = lost_reason;
    history::insert(conn, &h)?;
    let event = PipelineClosed {
        lead_id: dto.id,
        outcome: dto.outcome,
        owner_id: dto.owner_id,
        client_id: dto.client_id,
        deal_value: dto.deal_value.clone(),
        closed_at: dto.closed_at,
        lost_reason: dto.lost_reason.clone(),
    };
    outbox::emit(conn, &Event::PipelineClosed(event))?;
    Ok(dto)
}

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

pub fn update_deal(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    id: Uuid,
    p: UpdateDealRequest,
    expected: Option<i64>,
) -> Result<Lead, ApiError> {
    let before = load_for(conn, &caller.scope, id)?;
    concurrency::check(expected, before.version)?;
    // The value at close is what commissions are paid on: it is locked once the lead closes.
    refuse_closed(&before)?;
    let mut row = before.clone();
    if let Some(v) = p.deal_value {
        (row.deal_value_minor, row.deal_currency) = money_columns("deal_value", v.as_ref())?;
    }
    if let Some(v) = p.estimated_units {
        row.estimated_units = v;
    }
    if let Some(v) = p.probability {
        row.probability = v;
    }
    if let Some(v) = p.expected_close_date {
        row.expected_close_date = v;
    }
    if row == before {
        return rows::to_dto(conn, &before);
    }
    let set = pipelines::stages(conn, &row.pipeline_id)?;
    let (dto, _) = save(
        conn,
        &caller.actor,
        "lead.deal",
        &before,
        row,
        &set,
        time::now(),
    )?;
    Ok(dto)
}

pub fn referral_ask(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    id: Uuid,
    req: ReferralAskRequest,
) -> Result<Lead, ApiError> {
    let before = load_for(conn, &caller.scope, id)?;
    let now = time::now();
    let mut row = before.clone();
    row.referral_ask_status = req.status;
    if req.status != ReferralAskStatus::NotAsked
        && before.referral_status() == ReferralAskStatus::NotAsked
    {
        row.referral_ask_at = Some(now);
    }
    if req.status == ReferralAskStatus::NotAsked {
        row.referral_ask_at = None;
    }
    let names: Vec<String> = req
        .names
        .clone()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|n| trimmed(Some(n)))
        .collect();
    if req.names.is_some() {
        row.referral_names = to_json_list(&names);
    }
    if let Some(c) = req.count {
        row.referral_count = c;
    } else if req.names.is_some() {
        row.referral_count = i32::try_from(names.len()).unwrap_or(i32::MAX);
    }
    if req.status == ReferralAskStatus::Received && row.referral_count == 0 {
        // Depends on what the lead already records (a lead with referrals may be marked
        // received without a count), so a conflict with its state, not a malformed request.
        return Err(
            ApiError::conflict("no referrals are recorded for this lead yet")
                .on_field("count", "give the number (or names) of referrals received"),
        );
    }
    let set = pipelines::stages(conn, &row.pipeline_id)?;
    let (dto, _) = save(
        conn,
        &caller.actor,
        "lead.referral_ask",
        &before,
        row,
        &set,
        now,
    )?;
    Ok(dto)
}
