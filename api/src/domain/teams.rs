//! Creating and changing teams.

use closebook_shared::ErrorCode;
use closebook_shared::events::{Event, TeamChanged};
use closebook_shared::teams::{CreateTeamRequest, Team, UpdateTeamRequest};
use uuid::Uuid;

use super::{check_manager, trimmed};
use crate::audit::{self, Actor};
use crate::db::DbConn;
use crate::db::teams::{self as rows, TeamRow, name_key};
use crate::db::versioned;
use crate::error::ApiError;
use crate::{concurrency, outbox, time};

fn name_conflict() -> ApiError {
    ApiError::new(ErrorCode::Conflict, "a team with this name already exists")
        .on_field("name", "is already used by another team")
}

pub fn create(conn: &mut DbConn, actor: &Actor, req: CreateTeamRequest) -> Result<Team, ApiError> {
    if let Some(m) = req.manager_id {
        check_manager(conn, "manager_id", m)?;
    }
    if rows::name_taken(conn, &req.name, None)? {
        return Err(name_conflict());
    }
    let now = time::now();
    let row = TeamRow {
        id: Uuid::now_v7().to_string(),
        name: req.name.trim().to_owned(),
        name_key: name_key(&req.name),
        manager_id: req.manager_id.map(|m| m.to_string()),
        city: trimmed(req.city),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    rows::insert(conn, &row)?;
    let dto = row.to_dto(0);
    audit::record_after(conn, actor, "team.create", "team", &row.id, &dto)?;
    let event = TeamChanged {
        team_id: dto.id,
        manager_id: dto.manager_id,
    };
    outbox::emit(conn, &Event::TeamCreated(event))?;
    Ok(dto)
}

pub fn update(
    conn: &mut DbConn,
    actor: &Actor,
    id: Uuid,
    patch: UpdateTeamRequest,
    expected: Option<i64>,
) -> Result<Team, ApiError> {
    let before = rows::find(conn, id)?.ok_or_else(|| ApiError::not_found("team"))?;
    concurrency::check(expected, before.version)?;
    if let Some(Some(m)) = patch.manager_id {
        check_manager(conn, "manager_id", m)?;
    }
    let mut row = before.clone();
    if let Some(name) = &patch.name {
        if rows::name_taken(conn, name, Some(&row.id))? {
            return Err(name_conflict());
        }
        row.name = name.trim().to_owned();
        row.name_key = name_key(name);
    }
    if let Some(m) = patch.manager_id {
        row.manager_id = m.map(|m| m.to_string());
    }
    if let Some(city) = patch.city {
        row.city = trimmed(city);
    }
    versioned::save(conn, &mut row, before.version, time::now())?;
    let members = rows::member_count(conn, &row.id)?;
    let (old, new) = (before.to_dto(members), row.to_dto(members));
    audit::record(
        conn,
        actor,
        "team.update",
        "team",
        Some(&row.id),
        Some(&old),
        Some(&new),
    )?;
    let event = TeamChanged {
        team_id: new.id,
        manager_id: new.manager_id,
    };
    outbox::emit(conn, &Event::TeamUpdated(event))?;
    Ok(new)
}
