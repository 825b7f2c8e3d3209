//! Logging activities (and what they do to the lead's follow-up fields), private notes and
//! relationship touches.

use closebook_shared::activities::{
    Activity, CreateActivityRequest, CreateNoteRequest, CreateTouchRequest, Note, Touch,
};
use closebook_shared::follow_up::{self, Discipline, When};
use uuid::Uuid;

use super::leads::{derive, load_for};
use super::trimmed;
use crate::audit;
use crate::authz::{self, PipelineCaller};
use crate::db::DbConn;
use crate::db::activities::{self as rows, ActivityRow, NoteRow, TouchRow};
use crate::db::columns::to_e6;
use crate::db::leads::{self as lead_rows, LeadRow};
use crate::db::pipelines;
use crate::db::versioned;
use crate::error::ApiError;
use crate::time;

pub fn create(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    lead_id: Uuid,
    req: CreateActivityRequest,
) -> Result<Activity, ApiError> {
    let before = load_for(conn, &caller.scope, lead_id)?;
    let now = time::now();
    let when = When::check(
        now,
        req.scheduled_at.map(|t| t.naive_utc()),
        req.completed_at.map(|t| t.naive_utc()),
        req.follow_up_at.map(|t| t.naive_utc()),
    )
    .map_err(|e| ApiError::field(e.field, e.message))?;
    if req.latitude.is_some() != req.longitude.is_some() {
        return Err(ApiError::field(
            "longitude",
            "give both latitude and longitude, or neither",
        ));
    }
    let row = ActivityRow {
        id: Uuid::now_v7().to_string(),
        lead_id: before.id.clone(),
        user_id: caller.actor.id.map(|u| u.to_string()),
        kind: req.kind,
        subject: trimmed(req.subject),
        notes: trimmed(req.notes),
        outcome: req.outcome,
        duration_minutes: req.duration_minutes,
        scheduled_at: when.scheduled,
        completed_at: when.completed,
        at: when.at(now),
        follow_up_at: when.follow_up,
        follow_up_note: trimmed(req.follow_up_note),
        location: trimmed(req.location),
        latitude_e6: req.latitude.map(to_e6),
        longitude_e6: req.longitude.map(to_e6),
        created_at: now,
    };
    rows::insert(conn, &row)?;

    let mut lead = before.clone();
    let d = follow_up::after_activity(
        Discipline {
            last_contact_at: lead.last_contact_at,
            follow_up_count: lead.follow_up_count,
            next_contact_at: lead.next_contact_at,
            next_action: lead.next_action.take(),
        },
        req.kind.is_contact(),
        &when,
        row.follow_up_note.as_deref(),
        now,
    );
    (lead.last_contact_at, lead.follow_up_count) = (d.last_contact_at, d.follow_up_count);
    (lead.next_contact_at, lead.next_action) = (d.next_contact_at, d.next_action);
    let set = pipelines::stages(conn, &lead.pipeline_id)?;
    derive(conn, &mut lead, &set, now)?;
    versioned::save(conn, &mut lead, before.version, now)?;
    super::allocations::note_action(conn, &lead, caller.principal.user_id(), now)?;
    let dto = row.to_dto(&lead.company, lead.contact_name.as_deref());
    audit::record_after(
        conn,
        &caller.actor,
        "activity.create",
        "activity",
        &row.id,
        &dto,
    )?;
    Ok(dto)
}

pub fn add_note(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    lead_id: Uuid,
    req: CreateNoteRequest,
) -> Result<Note, ApiError> {
    let lead = load_for(conn, &caller.scope, lead_id)?;
    let row = NoteRow {
        id: Uuid::now_v7().to_string(),
        lead_id: lead.id,
        author_id: caller.actor.id.map(|u| u.to_string()),
        body: req.body.trim().to_owned(),
        created_at: time::now(),
    };
    rows::insert_note(conn, &row)?;
    // The audit entry records that a note was written, not what it says: notes are private.
    audit::record_after(
        conn,
        &caller.actor,
        "note.create",
        "lead_note",
        &row.id,
        &serde_json::json!({ "lead_id": row.lead_id, "length": row.body.chars().count() }),
    )?;
    Ok(row.to_dto())
}

pub fn add_touch(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    lead_id: Uuid,
    req: CreateTouchRequest,
) -> Result<Touch, ApiError> {
    let lead = load_for(conn, &caller.scope, lead_id)?;
    let row = TouchRow {
        id: Uuid::now_v7().to_string(),
        lead_id: lead.id,
        user_id: caller.actor.id.map(|u| u.to_string()),
        kind: req.kind,
        notes: trimmed(req.notes),
        created_at: time::now(),
    };
    rows::insert_touch(conn, &row)?;
    let dto = row.to_dto();
    audit::record_after(conn, &caller.actor, "touch.create", "touch", &row.id, &dto)?;
    Ok(dto)
}

/// The lead a record hangs on, when the caller sees it; otherwise the record (`kind`) is not
/// found, as the lead is not.
fn seen_lead(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    lead_id: &str,
    kind: &'static str,
) -> Result<LeadRow, ApiError> {
    lead_rows::find(conn, lead_id)?
        .filter(|l| {
            caller
                .scope
                .sees(l.owner_id.as_deref(), l.territory_id.as_deref())
        })
        .ok_or_else(|| ApiError::not_found(kind))
}

/// One activity on a lead the caller works.
pub fn get(conn: &mut DbConn, caller: &PipelineCaller, id: Uuid) -> Result<Activity, ApiError> {
    let row = rows::find(conn, id)?.ok_or_else(|| ApiError::not_found("activity"))?;
    let lead = seen_lead(conn, caller, &row.lead_id, "activity")?;
    Ok(row.to_dto(&lead.company, lead.contact_name.as_deref()))
}

/// One note: on a lead the caller works, and written by it (notes are private; admins see all).
pub fn get_note(conn: &mut DbConn, caller: &PipelineCaller, id: Uuid) -> Result<Note, ApiError> {
    let author = authz::notes_visible_to(&caller.principal);
    let row = rows::find_note(conn, id)?
        .filter(|n| author.is_none() || n.author_id == author)
        .ok_or_else(|| ApiError::not_found("note"))?;
    seen_lead(conn, caller, &row.lead_id, "note")?;
    Ok(row.to_dto())
}

/// One touch on a lead the caller works.
pub fn get_touch(conn: &mut DbConn, caller: &PipelineCaller, id: Uuid) -> Result<Touch, ApiError> {
    let row = rows::find_touch(conn, id)?.ok_or_else(|| ApiError::not_found("touch"))?;
    seen_lead(conn, caller, &row.lead_id, "touch")?;
    Ok(row.to_dto())
}
