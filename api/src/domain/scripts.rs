//! The script library and rendering a script for a lead.

use closebook_shared::ErrorCode;
use closebook_shared::scripts::{
    CreateScriptRequest, RenderedScript, Script, UpdateScriptRequest, render,
};
use uuid::Uuid;

use crate::audit::{self, Actor};
use crate::db::DbConn;
use crate::db::leads::LeadRow;
use crate::db::pipelines;
use crate::db::scripts::{self as rows, ScriptRow};
use crate::db::users;
use crate::db::versioned;
use crate::error::ApiError;
use crate::{concurrency, time};

pub fn create(
    conn: &mut DbConn,
    actor: &Actor,
    req: CreateScriptRequest,
) -> Result<Script, ApiError> {
    if rows::slug_taken(conn, &req.slug)? {
        return Err(
            ApiError::new(ErrorCode::Conflict, "a script with this slug exists")
                .on_field("slug", "is already used"),
        );
    }
    let now = time::now();
    let row = ScriptRow {
        id: Uuid::now_v7().to_string(),
        slug: req.slug,
        sales_stage: req.sales_stage,
        kind: req.kind,
        title: req.title.trim().to_owned(),
        subject: req.subject.filter(|s| !s.trim().is_empty()),
        body: req.body,
        active: true,
        created_by: actor.id.map(|u| u.to_string()),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    rows::insert(conn, &row)?;
    let dto = row.to_dto();
    audit::record_after(conn, actor, "script.create", "script", &row.id, &dto)?;
    Ok(dto)
}

pub fn update(
    conn: &mut DbConn,
    actor: &Actor,
    id: Uuid,
    p: UpdateScriptRequest,
    expected: Option<i64>,
) -> Result<Script, ApiError> {
    let before = rows::find(conn, &id.to_string())?.ok_or_else(|| ApiError::not_found("script"))?;
    concurrency::check(expected, before.version)?;
    let mut row = before.clone();
    if let Some(s) = p.sales_stage {
        row.sales_stage = s;
    }
    if let Some(k) = p.kind {
        row.kind = k;
    }
    if let Some(t) = p.title {
        row.title = t.trim().to_owned();
    }
    if let Some(s) = p.subject {
        row.subject = s.filter(|s| !s.trim().is_empty());
    }
    if let Some(b) = p.body {
        row.body = b;
    }
    if let Some(a) = p.active {
        row.active = a;
    }
    versioned::save(conn, &mut row, before.version, time::now())?;
    let (old, new) = (before.to_dto(), row.to_dto());
    audit::record(
        conn,
        actor,
        "script.update",
        "script",
        Some(&row.id),
        Some(&old),
        Some(&new),
    )?;
    Ok(new)
}

/// Fills the script's merge fields from the lead and the rep. Nothing is sent.
/// `script` filled in for `lead`, signed by the calling user (a service token signs as the
/// lead's owner).
pub fn render_for(
    conn: &mut DbConn,
    script: &ScriptRow,
    lead: &LeadRow,
    caller: Option<Uuid>,
) -> Result<RenderedScript, ApiError> {
    let rep_id = caller.or_else(|| {
        lead.owner_id
            .as_deref()
            .and_then(|o| Uuid::parse_str(o).ok())
    });
    let rep = rep_id
        .map(|id| users::find(conn, id))
        .transpose()?
        .flatten();
    let rep = rep.as_ref();
    let set = pipelines::stages(conn, &lead.pipeline_id)?;
    let stage = set.get(&lead.stage_id).map(|s| s.name.clone());
    let value_of = |field: &str| -> Option<String> {
        match field {
            "contact_name" => lead.contact_name.clone(),
            "contact_first_name" => lead
                .contact_name
                .as_deref()
                .and_then(|n| n.split_whitespace().next())
                .map(str::to_owned),
            "company" => Some(lead.company.clone()),
            "contact_title" => lead.contact_title.clone(),
            "next_action" => lead.next_action.clone(),
            "stage" => stage.clone(),
            "rep_name" => rep.map(|r| r.name.clone()),
            "rep_email" => rep.map(|r| r.email.clone()),
            "rep_phone" => rep.and_then(|r| r.phone.clone()),
            "rep_signature" => rep.map(|r| {
                [
                    Some(r.name.clone()),
                    r.title.clone(),
                    r.phone.clone(),
                    Some(r.email.clone()),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("\n")
            }),
            _ => None,
        }
    };
    let (body, mut missing) = render(&script.body, value_of);
    let subject = script.subject.as_deref().map(|s| {
        let (text, m) = render(s, value_of);
        for f in m {
            if !missing.contains(&f) {
                missing.push(f);
            }
        }
        text
    });
    Ok(RenderedScript {
        script_id: Uuid::parse_str(&script.id).unwrap_or_default(),
        lead_id: Uuid::parse_str(&lead.id).unwrap_or_default(),
        subject,
        body,
        missing,
    })
}
