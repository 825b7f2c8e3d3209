//! A new lead: duplicate and cold-source checks, the owner it goes to, its first stage.

use closebook_shared::Role;
use closebook_shared::events::{Event, LeadCreated};
use closebook_shared::leads::{
    CreateLeadRequest, HistoryKind, Lead, Outcome, ReferralAskStatus, SalesStage,
};
use closebook_shared::pipelines::StageKind;
use uuid::Uuid;

use super::{check_owner, check_source, derive_with, duplicate_conflict, keys, list, trimmed};
use crate::audit;
use crate::authz::PipelineCaller;
use crate::db::DbConn;
use crate::db::columns::money_columns;
use crate::db::columns::to_e6;
use crate::db::history::{self, HistoryRow};
use crate::db::leads::{self as rows, LeadRow};
use crate::db::pipelines;
use crate::db::users as user_rows;
use crate::domain::allocations;
use crate::error::ApiError;
use crate::{outbox, time};

pub fn create(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    req: CreateLeadRequest,
    allow_duplicate: bool,
) -> Result<Lead, ApiError> {
    check_source(conn, req.source_type, req.source_channel)?;
    let pipeline = match req.pipeline_id {
        Some(p) => pipelines::find(conn, &p.to_string())?
            .ok_or_else(|| ApiError::reference("pipeline_id", "no such pipeline"))?,
        None => pipelines::default_pipeline(conn)?
            .ok_or_else(|| ApiError::internal("no default pipeline"))?,
    };
    let set = pipelines::stages(conn, &pipeline.id)?;
    let stage = match req.stage_id {
        Some(s) => set
            .get(&s.to_string())
            .ok_or_else(|| ApiError::reference("stage_id", "is not a stage of the pipeline"))?,
        None => set
            .first_open()
            .ok_or_else(|| ApiError::internal("pipeline without open stage"))?,
    };
    if stage.kind() != StageKind::Open {
        return Err(ApiError::reference(
            "stage_id",
            "must be an open stage; close leads with POST /leads/{id}/outcome",
        ));
    }
    // A rep's own lead is its own; anyone else's lead without an owner is allocated.
    let owner = match (req.owner_id, caller.principal.role) {
        (Some(o), _) => Some(o),
        (None, Role::SalesRep) => caller.principal.user_id(),
        (None, _) => None,
    };
    let owner_user = owner
        .map(|o| check_owner(conn, &caller.scope, "owner_id", o))
        .transpose()?;
    let now = time::now();
    let (deal_minor, deal_currency) = money_columns("deal_value", req.deal_value.as_ref())?;
    let mut row = LeadRow {
        id: Uuid::now_v7().to_string(),
        company: req.company.trim().to_owned(),
        company_key: String::new(),
        contact_name: trimmed(req.contact_name),
        contact_title: trimmed(req.contact_title),
        email: trimmed(req.email),
        email_key: None,
        phone: trimmed(req.phone),
        phone_key: None,
        website: trimmed(req.website),
        address: trimmed(req.address),
        city: trimmed(req.city),
        state: trimmed(req.state),
        zip: trimmed(req.zip),
        dedupe_key: None,
        latitude_e6: req.latitude.map(to_e6),
        longitude_e6: req.longitude.map(to_e6),
        source_type: req.source_type,
        source_channel: req.source_channel,
        introduced_by: trimmed(req.introduced_by),
        owner_id: owner.map(|o| o.to_string()),
        pipeline_id: pipeline.id.clone(),
        stage_id: stage.id.clone(),
        outcome: Outcome::Open,
        lost_reason: None,
        closed_at: None,
        client_id: None,
        deal_value_minor: deal_minor,
        deal_currency,
        estimated_units: req.estimated_units,
        probability: stage.probability,
        expected_close_date: req.expected_close_date,
        budget: req.budget,
        authority: req.authority,
        need: req.need,
        timeline: req.timeline,
        competitors: list(req.competitors),
        next_action: trimmed(req.next_action),
        next_contact_at: req.next_contact_at.map(|t| t.naive_utc()),
        last_contact_at: None,
        follow_up_count: 0,
        follow_up_cadence_days: req.follow_up_cadence_days,
        permission_to_follow_up: req.permission_to_follow_up,
        personal_details: trimmed(req.personal_details),
        referral_ask_status: ReferralAskStatus::NotAsked,
        referral_ask_at: None,
        referral_count: 0,
        referral_names: "[]".into(),
        sales_stage: req.sales_stage,
        display_sales_stage: SalesStage::Prospecting, // set by `derive`
        incomplete: false,
        score: 0,
        score_factors: String::new(),
        tags: list(req.tags),
        created_by: caller.principal.user_id().map(|u| u.to_string()),
        territory_id: None,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    keys(&mut row);
    if !allow_duplicate
        && let Some((id, on)) = rows::find_duplicate(
            conn,
            row.email_key.as_deref(),
            row.phone_key.as_deref(),
            row.dedupe_key.as_deref(),
            None,
        )?
    {
        return Err(duplicate_conflict(&id, on));
    }
    derive_with(&mut row, &set, 0, now);
    row.territory_id = crate::domain::territories::placing::territory_of(conn, &row)?;
    // Decided before the lead is written, so it is written once, with its owner.
    let decision = match owner {
        Some(_) => None,
        None => {
            let d = allocations::decide(conn, &row, &[], now)?;
            row.owner_id = d.rep_id();
            Some(d)
        }
    };
    rows::insert(conn, &row)?;
    let mut h = HistoryRow::new(&row.id, HistoryKind::Created, caller.actor.id, now);
    h.to_stage_id = Some(row.stage_id.clone());
    h.to_owner_id = row.owner_id.clone();
    history::insert(conn, &h)?;
    let owner_name = match (&owner_user, &row.owner_id) {
        (Some(u), _) => Some(u.name.clone()),
        (None, Some(o)) => Some(user_rows::name_of(conn, o)?),
        (None, None) => None,
    };
    let dto = row.to_dto(&set, owner_name.as_deref());
    audit::record_after(conn, &caller.actor, "lead.create", "lead", &row.id, &dto)?;
    let event = LeadCreated {
        lead_id: dto.id,
        owner_id: dto.owner_id,
        pipeline_id: dto.pipeline_id,
        stage_id: dto.stage_id,
    };
    outbox::emit(conn, &Event::LeadCreated(event))?;
    if let Some(d) = decision {
        allocations::record(
            conn,
            &caller.actor,
            &row,
            &d,
            allocations::How::default(),
            now,
        )?;
    }
    Ok(dto)
}
