//! The audit log: every write records actor, action, entity, before/after and request id, in the
//! same transaction as the write. The table is append-only (triggers on both backends).

use chrono::{DateTime, Utc};
use closebook_shared::Page;
use closebook_shared::audit::{AuditEntry, AuditQuery};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;

use crate::auth::Principal;
use crate::db::DbConn;
use crate::db::schema::audit_log;
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset};
use crate::time;

/// Who is acting, and under which request.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: Option<Uuid>,
    pub kind: &'static str,
    pub request_id: Option<String>,
}

impl Actor {
    pub fn new(principal: &Principal, request_id: &str) -> Self {
        Self {
            id: Some(principal.id),
            kind: principal.kind.as_str(),
            request_id: Some(request_id.to_owned()),
        }
    }

    /// A user acting before it holds a token (sign-in).
    pub fn user(id: Uuid, request_id: &str) -> Self {
        Self {
            id: Some(id),
            kind: "user",
            request_id: Some(request_id.to_owned()),
        }
    }

    /// A connected system acting through a signed webhook (`kind` names it, e.g. `billing`).
    pub fn integration(kind: &'static str, request_id: &str) -> Self {
        Self {
            id: None,
            kind,
            request_id: Some(request_id.to_owned()),
        }
    }

    /// Closebook itself (start-up, commands, jobs).
    pub fn system() -> Self {
        Self {
            id: None,
            kind: "system",
            request_id: None,
        }
    }
}

#[derive(Insertable, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
struct AuditRow {
    id: String,
    at: chrono::NaiveDateTime,
    actor_id: Option<String>,
    actor_kind: String,
    action: String,
    entity_type: String,
    entity_id: Option<String>,
    before_json: Option<String>,
    after_json: Option<String>,
    request_id: Option<String>,
}

fn json<T: Serialize>(value: Option<&T>) -> Result<Option<String>, ApiError> {
    value
        .map(serde_json::to_string)
        .transpose()
        .map_err(ApiError::internal)
}

/// An action that has no "before": a record made, or an event with its detail.
pub fn record_after<A: Serialize>(
    conn: &mut DbConn,
    actor: &Actor,
    action: &str,
    entity_type: &str,
    entity_id: &str,
    after: &A,
) -> Result<(), ApiError> {
    record(
        conn,
        actor,
        action,
        entity_type,
        Some(entity_id),
        None::<&()>,
        Some(after),
    )
}

/// Appends one entry. Call inside the write's transaction.
pub fn record<B: Serialize, A: Serialize>(
    conn: &mut DbConn,
    actor: &Actor,
    action: &str,
    entity_type: &str,
    entity_id: Option<&str>,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<(), ApiError> {
    let row = AuditRow {
        id: Uuid::now_v7().to_string(),
        at: time::now(),
        actor_id: actor.id.map(|i| i.to_string()),
        actor_kind: actor.kind.to_owned(),
        action: action.to_owned(),
        entity_type: entity_type.to_owned(),
        entity_id: entity_id.map(str::to_owned),
        before_json: json(before)?,
        after_json: json(after)?,
        request_id: actor.request_id.clone(),
    };
    diesel::insert_into(audit_log::table)
        .values(&row)
        .execute(conn)?;
    Ok(())
}

/// Entries newest first, filtered.
pub fn list(
    conn: &mut DbConn,
    q: &AuditQuery,
    page: &PageRequest,
) -> Result<Page<AuditEntry>, ApiError> {
    let mut query = audit_log::table.select(AuditRow::as_select()).into_boxed();
    if let Some(a) = q.actor_id {
        query = query.filter(audit_log::actor_id.eq(a.to_string()));
    }
    if let Some(t) = &q.entity_type {
        query = query.filter(audit_log::entity_type.eq(t.clone()));
    }
    if let Some(e) = &q.entity_id {
        query = query.filter(audit_log::entity_id.eq(e.clone()));
    }
    if let Some(a) = &q.action {
        query = query.filter(audit_log::action.eq(a.clone()));
    }
    if let Some(from) = q.from {
        query = query.filter(audit_log::at.ge(from.naive_utc()));
    }
    if let Some(to) = q.to {
        query = query.filter(audit_log::at.lt(to.naive_utc()));
    }
    // UUIDv7 ids sort by creation time, so the id alone is a stable newest-first key.
    let rows = keyset!(query, page, audit_log::id, desc)
        .limit(page.fetch())
        .load::<AuditRow>(conn)?;
    Ok(page.finish(rows, |r| vec![r.id.clone()], to_dto))
}

fn to_dto(r: AuditRow) -> AuditEntry {
    let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    AuditEntry {
        id: Uuid::parse_str(&r.id).unwrap_or_default(),
        at: DateTime::<Utc>::from_naive_utc_and_offset(r.at, Utc),
        actor_id: r.actor_id.and_then(|a| Uuid::parse_str(&a).ok()),
        actor_kind: r.actor_kind,
        action: r.action,
        entity_type: r.entity_type,
        entity_id: r.entity_id,
        before: parse(r.before_json),
        after: parse(r.after_json),
        request_id: r.request_id,
    }
}
