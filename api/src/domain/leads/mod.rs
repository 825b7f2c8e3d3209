//! Lead rules: creation with duplicate and cold-source checks, the allowlisted edit, stage
//! moves, closing won or lost (won opens a client account), reassignment, the deal (money)
//! fields and referral asks. Every change recomputes the derived fields, writes history where
//! it matters, the audit log, and an outbox event other systems can follow.
//!
//! This file holds creation, the edit and what they share; the moves of an existing lead
//! (stage, outcome, owner, deal, referral ask) are in [`transitions`].

mod transitions;
pub use transitions::*;

use chrono::{Duration, NaiveDateTime};
use closebook_shared::events::{Event, LeadCreated};
use closebook_shared::leads::{
    CreateLeadRequest, HistoryKind, Lead, Outcome, ReferralAskStatus, SalesStage, SourceChannel,
    SourceType, UpdateLeadRequest, company_address_key, phone_key,
};
use closebook_shared::pipelines::StageKind;
use closebook_shared::scoring::{self, ENGAGEMENT_WINDOW_DAYS, ScoreInputs};
use closebook_shared::{ErrorCode, Role, sales_lens};
use uuid::Uuid;

use super::trimmed;
use crate::audit::{self, Actor};
use crate::authz::{OwnerScope, PipelineCaller};
use crate::db::DbConn;
use crate::db::activities as activity_rows;
use crate::db::columns::{money_columns, to_json_list};
use crate::db::history::{self, HistoryRow};
use crate::db::leads::{self as rows, LeadRow, to_e6};
use crate::db::pipelines::{self, StageSet};
use crate::db::settings;
use crate::db::users::{self as user_rows, UserRow};
use crate::db::versioned;
use crate::error::ApiError;
use crate::{concurrency, outbox, time};

fn list(v: Option<Vec<String>>) -> String {
    let items: Vec<String> = v
        .unwrap_or_default()
        .into_iter()
        .filter_map(|s| trimmed(Some(s)))
        .collect();
    to_json_list(&items)
}

/// Recomputes what is derived from the lead: the display sales stage, the incomplete flag and
/// the score (as of `now`).
pub fn derive(
    conn: &mut DbConn,
    row: &mut LeadRow,
    set: &StageSet,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let recent = activity_rows::recent_contacts(
        conn,
        &row.id,
        now - Duration::days(ENGAGEMENT_WINDOW_DAYS),
    )?;
    derive_with(row, set, recent, now);
    Ok(())
}

pub fn derive_with(row: &mut LeadRow, set: &StageSet, recent_contacts: i64, now: NaiveDateTime) {
    let outcome = row.outcome();
    let display = sales_lens::display_sales_stage(
        row.sales_stage,
        set.lens(&row.stage_id),
        outcome,
        row.referral_status(),
    );
    row.display_sales_stage = display;
    row.incomplete = sales_lens::is_incomplete(display, outcome, row.next_contact_at.is_some());
    let factors = scoring::score(
        &ScoreInputs {
            budget: row.budget,
            authority: row.authority,
            need: row.need,
            timeline: row.timeline,
            recent_contacts,
            last_contact_at: row.last_contact_at.map(|t| t.and_utc()),
            probability: row.probability,
        },
        now.and_utc(),
    );
    row.score = factors.total;
    row.score_factors = serde_json::to_string(&factors).unwrap_or_default();
}

/// Refuses cold sources when the organisation forbids cold outreach (seed 001).
fn check_source(
    conn: &mut DbConn,
    source_type: Option<SourceType>,
    channel: Option<SourceChannel>,
) -> Result<(), ApiError> {
    let cold_type = source_type == Some(SourceType::Cold);
    let cold_channel = channel.is_some_and(SourceChannel::is_cold);
    if !(cold_type || cold_channel) || settings::get(conn)?.cold_outreach_allowed {
        return Ok(());
    }
    // A conflict with the organisation's policy (a setting), not malformed input: the same
    // request succeeds where cold outreach is allowed.
    let mut e = ApiError::new(
        ErrorCode::Conflict,
        "this organisation does not allow cold outreach (settings: cold_outreach_allowed)",
    );
    if cold_type {
        e = e.on_field("source_type", "cold sources are not allowed");
    }
    if cold_channel {
        e = e.on_field("source_channel", "cold channels are not allowed");
    }
    Err(e)
}

/// A lead owner must be an active rep, manager or admin the caller may assign to; returns them.
fn check_owner(
    conn: &mut DbConn,
    scope: &OwnerScope,
    field: &str,
    owner: Uuid,
) -> Result<UserRow, ApiError> {
    let user =
        user_rows::find(conn, owner)?.ok_or_else(|| ApiError::reference(field, "no such user"))?;
    if !user.active {
        return Err(ApiError::reference(field, "is deactivated"));
    }
    if !matches!(
        user.role(),
        Role::SalesRep | Role::SalesManager | Role::Admin
    ) {
        return Err(ApiError::reference(
            field,
            "must be a sales rep, sales manager or admin",
        ));
    }
    if !scope.covers(&user.id) {
        return Err(ApiError::forbidden("you may not assign leads to this user")
            .on_field(field, "is outside the people you manage"));
    }
    Ok(user)
}

fn duplicate_conflict(id: &str, on: &str) -> ApiError {
    let field = match on {
        "company_address" => "company",
        other => other,
    };
    ApiError::new(
        ErrorCode::Conflict,
        format!(
            "an open lead ({id}) has the same {}; send allow_duplicate=true to create anyway",
            on.replace('_', " and ")
        ),
    )
    .on_field(field, format!("matches open lead {id}"))
}

fn keys(row: &mut LeadRow) {
    row.company_key = row.company.to_lowercase();
    row.email_key = row.email.as_deref().map(|e| e.trim().to_lowercase());
    row.phone_key = row
        .phone
        .as_deref()
        .map(phone_key)
        .filter(|k| !k.is_empty());
    row.dedupe_key = row
        .address
        .as_deref()
        .map(|a| company_address_key(&row.company, a));
}

/// Loads a lead the caller may work, or 404 (a lead outside the scope does not exist for it).
pub fn load_for(conn: &mut DbConn, scope: &OwnerScope, id: Uuid) -> Result<LeadRow, ApiError> {
    rows::find(conn, &id.to_string())?
        .filter(|r| scope.covers(&r.owner_id))
        .ok_or_else(|| ApiError::not_found("lead"))
}

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
    let owner = match (req.owner_id, caller.principal.user_id()) {
        (Some(o), _) => o,
        (None, Some(me)) => me,
        (None, None) => {
            return Err(ApiError::field(
                "owner_id",
                "is required for service tokens",
            ));
        }
    };
    let owner_user = check_owner(conn, &caller.scope, "owner_id", owner)?;
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
        owner_id: owner.to_string(),
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
    rows::insert(conn, &row)?;
    let mut h = HistoryRow::new(&row.id, HistoryKind::Created, caller.actor.id, now);
    h.to_stage_id = Some(row.stage_id.clone());
    h.to_owner_id = Some(row.owner_id.clone());
    history::insert(conn, &h)?;
    let dto = row.to_dto(&set, &owner_user.name);
    audit::record_after(conn, &caller.actor, "lead.create", "lead", &row.id, &dto)?;
    let event = LeadCreated {
        lead_id: dto.id,
        owner_id: dto.owner_id,
        pipeline_id: dto.pipeline_id,
        stage_id: dto.stage_id,
    };
    outbox::emit(conn, &Event::LeadCreated(event))?;
    Ok(dto)
}

/// Saves a changed lead (version checked), audits it, and returns the new DTO.
fn save(
    conn: &mut DbConn,
    actor: &Actor,
    action: &str,
    before: &LeadRow,
    mut row: LeadRow,
    set: &StageSet,
    now: NaiveDateTime,
) -> Result<(Lead, LeadRow), ApiError> {
    derive(conn, &mut row, set, now)?;
    versioned::save(conn, &mut row, before.version, now)?;
    let (old, new) = rows::to_dtos_pair(conn, set, before, &row)?;
    audit::record(
        conn,
        actor,
        action,
        "lead",
        Some(&row.id),
        Some(&old),
        Some(&new),
    )?;
    Ok((new, row))
}

pub fn update(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    id: Uuid,
    p: UpdateLeadRequest,
    expected: Option<i64>,
) -> Result<Lead, ApiError> {
    let before = load_for(conn, &caller.scope, id)?;
    concurrency::check(expected, before.version)?;
    // Only values being set can be refused; an unset field is `None`, which is never cold.
    check_source(conn, p.source_type.flatten(), p.source_channel.flatten())?;
    let mut row = before.clone();
    macro_rules! set_text {
        ($($f:ident),*) => { $( if let Some(v) = p.$f.clone() { row.$f = trimmed(v); } )* };
    }
    macro_rules! set_enum {
        ($($f:ident),*) => { $( if let Some(v) = p.$f { row.$f = v; } )* };
    }
    if let Some(c) = &p.company {
        row.company = c.trim().to_owned();
    }
    set_text!(
        contact_name,
        contact_title,
        email,
        phone,
        website,
        address,
        city,
        state,
        zip,
        introduced_by,
        next_action,
        personal_details
    );
    set_enum!(
        source_type,
        source_channel,
        budget,
        authority,
        need,
        timeline,
        sales_stage
    );
    if let Some(v) = p.latitude {
        row.latitude_e6 = v.map(to_e6);
    }
    if let Some(v) = p.longitude {
        row.longitude_e6 = v.map(to_e6);
    }
    if let Some(v) = p.next_contact_at {
        row.next_contact_at = v.map(|t| t.naive_utc());
    }
    if let Some(v) = p.follow_up_cadence_days {
        row.follow_up_cadence_days = v;
    }
    if let Some(v) = p.permission_to_follow_up {
        row.permission_to_follow_up = v;
    }
    if let Some(v) = p.competitors {
        row.competitors = list(Some(v));
    }
    if let Some(v) = p.tags {
        row.tags = list(Some(v));
    }
    keys(&mut row);
    if row == before {
        return rows::to_dto(conn, &before);
    }
    let set = pipelines::stages(conn, &row.pipeline_id)?;
    let (dto, _) = save(
        conn,
        &caller.actor,
        "lead.update",
        &before,
        row,
        &set,
        time::now(),
    )?;
    Ok(dto)
}

fn refuse_closed(row: &LeadRow) -> Result<(), ApiError> {
    if row.outcome() == Outcome::Open {
        Ok(())
    } else {
        Err(ApiError::conflict(format!(
            "the lead is closed ({})",
            row.outcome
        )))
    }
}
