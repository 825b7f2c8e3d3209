//! Lead rules: creation with duplicate and cold-source checks, the allowlisted edit, stage
//! moves, closing won or lost (won opens a client account), reassignment, the deal (money)
//! fields and referral asks. Every change recomputes the derived fields, writes history where
//! it matters, the audit log, and an outbox event other systems can follow.
//!
//! One file per action, as `routes/leads/` is; this one holds what they share: the derived
//! fields, the owner and source checks, loading within the caller's scope and the versioned save.

mod create;
mod deal;
mod outcome;
mod reassign;
mod referral_ask;
mod stage;
mod update;

pub use create::create;
pub use deal::update_deal;
pub use outcome::set_outcome;
pub use reassign::{hand_over, reassign};
pub use referral_ask::referral_ask;
pub use stage::change_stage;
pub use update::update;

use chrono::{Duration, NaiveDateTime};
use closebook_shared::leads::{
    Lead, Outcome, SourceChannel, SourceType, company_address_key, phone_key,
};
use closebook_shared::scoring::{self, ENGAGEMENT_WINDOW_DAYS, ScoreInputs};
use closebook_shared::{ErrorCode, Role, sales_lens};
use uuid::Uuid;

use super::trimmed;
use crate::audit::{self, Actor};
use crate::authz::{LeadScope, OwnerScope, PipelineCaller};
use crate::db::DbConn;
use crate::db::activities as activity_rows;
use crate::db::columns::to_json_list;
use crate::db::leads::{self as rows, LeadRow};
use crate::db::pipelines::{self, StageSet};
use crate::db::settings;
use crate::db::users::{self as user_rows, UserRow};
use crate::db::versioned;
use crate::error::ApiError;
use crate::time;

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
/// A lead the caller may change (see [`LeadScope::works`]); 404 otherwise.
pub fn load_for(conn: &mut DbConn, scope: &LeadScope, id: Uuid) -> Result<LeadRow, ApiError> {
    rows::find(conn, &id.to_string())?
        .filter(|r| scope.works(r.owner_id.as_deref(), r.territory_id.as_deref()))
        .ok_or_else(|| ApiError::not_found("lead"))
}

/// A lead the caller may see (see [`LeadScope::sees`]); 404 otherwise.
pub fn load_visible(conn: &mut DbConn, scope: &LeadScope, id: Uuid) -> Result<LeadRow, ApiError> {
    rows::find(conn, &id.to_string())?
        .filter(|r| scope.sees(r.owner_id.as_deref(), r.territory_id.as_deref()))
        .ok_or_else(|| ApiError::not_found("lead"))
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

/// Saves an edit of the lead's own fields; an edit that changes nothing saves nothing (no new
/// version, no audit entry) and answers the lead as it is.
fn save_edit(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    action: &str,
    before: &LeadRow,
    row: LeadRow,
) -> Result<Lead, ApiError> {
    if row == *before {
        return rows::to_dto(conn, before);
    }
    let set = pipelines::stages(conn, &row.pipeline_id)?;
    let (dto, _) = save(conn, &caller.actor, action, before, row, &set, time::now())?;
    Ok(dto)
}

/// The lead's owner: moving a lead through the pipeline needs someone to hold it (the events
/// name the owner, and commissions pay it).
fn held_by(row: &LeadRow) -> Result<String, ApiError> {
    row.owner_id.clone().ok_or_else(|| {
        ApiError::conflict("nobody holds this lead").on_field(
            "owner_id",
            "is empty: allocate the lead (POST /allocations) or claim it first",
        )
    })
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
