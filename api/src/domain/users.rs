//! Creating and changing users.

use closebook_shared::ErrorCode;
use closebook_shared::events::{Event, UserChanged, UserCreated};
use closebook_shared::users::{CreateUserRequest, UpdateUserRequest, User};
use uuid::Uuid;

use super::{check_manager, check_team, check_time_zone};
use crate::audit::{self, Actor};
use crate::authz::Scope;
use crate::db::DbConn;
use crate::db::columns::money_columns;
use crate::db::users::{self as rows, UserRow, email_key};
use crate::db::versioned;
use crate::error::ApiError;
use crate::{concurrency, outbox, time};

/// Checks what needs the database or the tz table; garde has checked the rest.
fn check_references(
    conn: &mut DbConn,
    manager: Option<Uuid>,
    team: Option<Uuid>,
    tz: Option<&str>,
) -> Result<(), ApiError> {
    if let Some(tz) = tz {
        check_time_zone("time_zone", tz)?;
    }
    if let Some(m) = manager {
        check_manager(conn, "manager_id", m)?;
    }
    if let Some(t) = team {
        check_team(conn, "team_id", t)?;
    }
    Ok(())
}

/// A user the caller may see, or 404 (one outside the scope does not exist for it).
pub fn load_for(conn: &mut DbConn, scope: &Scope, id: Uuid) -> Result<UserRow, ApiError> {
    rows::find(conn, id)?
        .filter(|u| scope.covers_user(id, u.team_id.as_deref(), u.manager_id.as_deref()))
        .ok_or_else(|| ApiError::not_found("user"))
}

/// An admin sets a user's password; the user's sessions end.
pub fn reset_password(
    conn: &mut DbConn,
    actor: &Actor,
    id: Uuid,
    hash: &str,
    must_change: bool,
) -> Result<(), ApiError> {
    let user = rows::find(conn, id)?.ok_or_else(|| ApiError::not_found("user"))?;
    let now = time::now();
    rows::set_password(conn, &user.id, hash, must_change, now)?;
    rows::end_sessions(conn, &user.id, now)?;
    let detail = serde_json::json!({ "by": "admin", "must_change_password": must_change });
    audit::record_after(
        conn,
        actor,
        "user.password_reset",
        "user",
        &user.id,
        &detail,
    )
}

pub fn create(
    conn: &mut DbConn,
    actor: &Actor,
    req: CreateUserRequest,
    password_hash: String,
) -> Result<User, ApiError> {
    check_references(conn, req.manager_id, req.team_id, req.time_zone.as_deref())?;
    if rows::email_taken(conn, &req.email, None)? {
        return Err(email_conflict());
    }
    let (salary_minor, salary_currency) = money_columns("base_salary", req.base_salary.as_ref())?;
    let now = time::now();
    let row = UserRow {
        id: Uuid::now_v7().to_string(),
        email_key: email_key(&req.email),
        email: req.email.trim().to_owned(),
        name: req.name.trim().to_owned(),
        password_hash,
        role: req.role,
        phone: req.phone,
        title: req.title,
        employee_id: req.employee_id,
        manager_id: req.manager_id.map(|m| m.to_string()),
        team_id: req.team_id.map(|t| t.to_string()),
        hire_date: req.hire_date,
        base_salary_minor: salary_minor,
        base_salary_currency: salary_currency,
        time_zone: req.time_zone.unwrap_or_else(|| "UTC".into()),
        active: true,
        must_change_password: req.must_change_password.unwrap_or(true),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    rows::insert(conn, &row)?;
    let dto = row.to_dto();
    audit::record_after(conn, actor, "user.create", "user", &row.id, &dto)?;
    let event = UserCreated {
        user_id: dto.id,
        role: dto.role,
        team_id: dto.team_id,
    };
    outbox::emit(conn, &Event::UserCreated(event))?;
    Ok(dto)
}

fn email_conflict() -> ApiError {
    ApiError::new(ErrorCode::Conflict, "a user with this email already exists")
        .on_field("email", "is already used by another user")
}

/// Applies a patch the caller has been authorised for; `expected` is the version it edited.
pub fn update(
    conn: &mut DbConn,
    actor: &Actor,
    id: Uuid,
    patch: UpdateUserRequest,
    expected: Option<i64>,
) -> Result<User, ApiError> {
    let before = rows::find(conn, id)?.ok_or_else(|| ApiError::not_found("user"))?;
    concurrency::check(expected, before.version)?;
    let acting_on_self = actor.id == Some(id);
    if acting_on_self
        && (patch.active == Some(false) || patch.role.is_some_and(|r| r != before.role()))
    {
        return Err(ApiError::forbidden(
            "you cannot deactivate yourself or change your own role; ask another admin",
        ));
    }
    check_references(
        conn,
        patch.manager_id.flatten(),
        patch.team_id.flatten(),
        patch.time_zone.as_deref(),
    )?;
    if patch.manager_id.flatten() == Some(id) {
        return Err(ApiError::field(
            "manager_id",
            "a user cannot be its own manager",
        ));
    }
    let mut row = before.clone();
    if let Some(email) = &patch.email {
        if rows::email_taken(conn, email, Some(&row.id))? {
            return Err(email_conflict());
        }
        row.email = email.trim().to_owned();
        row.email_key = email_key(email);
    }
    if let Some(name) = &patch.name {
        row.name = name.trim().to_owned();
    }
    if let Some(role) = patch.role {
        row.role = role;
    }
    if let Some(v) = patch.phone {
        row.phone = v;
    }
    if let Some(v) = patch.title {
        row.title = v;
    }
    if let Some(v) = patch.employee_id {
        row.employee_id = v;
    }
    if let Some(v) = patch.manager_id {
        row.manager_id = v.map(|m| m.to_string());
    }
    if let Some(v) = patch.team_id {
        row.team_id = v.map(|t| t.to_string());
    }
    if let Some(v) = patch.hire_date {
        row.hire_date = v;
    }
    if let Some(v) = &patch.base_salary {
        (row.base_salary_minor, row.base_salary_currency) =
            money_columns("base_salary", v.as_ref())?;
    }
    if let Some(v) = patch.time_zone {
        row.time_zone = v;
    }
    if let Some(v) = patch.active {
        row.active = v;
    }
    versioned::save(conn, &mut row, before.version, time::now())?;
    if (before.active && !row.active) || before.role != row.role {
        // Deactivation or a new role signs the user out everywhere: no new access tokens can be
        // minted, and those already issued (carrying the old role) stop working.
        rows::end_sessions(conn, &row.id, row.updated_at)?;
    }
    let (old, new) = (before.to_dto(), row.to_dto());
    let action = match (before.active, row.active) {
        (true, false) => "user.deactivate",
        (false, true) => "user.reactivate",
        _ => "user.update",
    };
    audit::record(
        conn,
        actor,
        action,
        "user",
        Some(&row.id),
        Some(&old),
        Some(&new),
    )?;
    let changed = UserChanged {
        user_id: new.id,
        changed: patch_fields(&old, &new),
    };
    let event = if action == "user.deactivate" {
        Event::UserDeactivated(changed)
    } else {
        Event::UserUpdated(changed)
    };
    outbox::emit(conn, &event)?;
    Ok(new)
}

/// Names of the fields whose values differ, for the event payload.
fn patch_fields(old: &User, new: &User) -> Vec<String> {
    let (a, b) = (
        serde_json::to_value(old).unwrap_or_default(),
        serde_json::to_value(new).unwrap_or_default(),
    );
    match (a, b) {
        (serde_json::Value::Object(a), serde_json::Value::Object(b)) => b
            .iter()
            .filter(|(k, v)| {
                a.get(*k) != Some(v) && !matches!(k.as_str(), "version" | "updated_at")
            })
            .map(|(k, _)| k.clone())
            .collect(),
        _ => Vec::new(),
    }
}
