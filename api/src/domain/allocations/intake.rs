//! A rep's intake: a rep marks itself offline or pauses intake; its manager (or an admin) also
//! sets leave, capacity and skills.

use closebook_shared::Role;
use closebook_shared::allocation::{Availability, RepIntake, UpdateRepIntakeRequest};
use uuid::Uuid;

use crate::audit;
use crate::authz::PipelineCaller;
use crate::db::allocations::{self as rows, IntakeRow};
use crate::db::users as user_rows;
use crate::db::{DbConn, columns};
use crate::error::ApiError;
use crate::{concurrency, time};

/// The rep's intake row (a default one, version 0, before anyone set it) and its name.
fn load(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    user_id: Uuid,
) -> Result<(IntakeRow, String), ApiError> {
    let id = user_id.to_string();
    if !caller.scope.covers(&id) {
        return Err(ApiError::not_found("user"));
    }
    let user = user_rows::find(conn, user_id)?.ok_or_else(|| ApiError::not_found("user"))?;
    if user.role() != Role::SalesRep {
        return Err(ApiError::not_found("rep"));
    }
    let row = rows::intakes(conn, std::slice::from_ref(&id))?
        .remove(&id)
        .unwrap_or_else(|| IntakeRow::default_for(&id, time::now()));
    Ok((row, user.name))
}

pub fn get_intake(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    user_id: Uuid,
) -> Result<RepIntake, ApiError> {
    let (row, name) = load(conn, caller, user_id)?;
    Ok(row.to_dto(name))
}

pub fn update_intake(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    user_id: Uuid,
    req: UpdateRepIntakeRequest,
    expected: Option<i64>,
) -> Result<RepIntake, ApiError> {
    let (before, name) = load(conn, caller, user_id)?;
    let manages = matches!(caller.principal.role, Role::Admin | Role::SalesManager);
    if !manages {
        // A rep sets its own availability (not leave) and pause; the rest is its manager's.
        let field = if req.capacity.is_some() {
            Some("capacity")
        } else if req.skills.is_some() {
            Some("skills")
        } else if req.availability == Some(Availability::OnLeave) {
            Some("availability")
        } else {
            None
        };
        if let Some(field) = field {
            return Err(ApiError::forbidden("a manager sets this")
                .on_field(field, "is set by the rep's manager"));
        }
    }
    concurrency::check(expected, before.version)?;
    let mut row = before.clone();
    if let Some(a) = req.availability {
        row.availability = a;
    }
    if let Some(p) = req.intake_paused {
        row.intake_paused = p;
    }
    if let Some(c) = req.capacity {
        row.capacity = c.map(|c| c as i32);
    }
    if let Some(skills) = req.skills {
        let mut skills: Vec<String> = skills
            .iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        skills.sort_by_key(|s| s.to_lowercase());
        skills.dedup_by_key(|s| s.to_lowercase());
        row.skills = columns::to_json_list(&skills);
    }
    let now = time::now();
    rows::save_intake(conn, &mut row, now)?;
    let (old, new) = (before.to_dto(name.clone()), row.to_dto(name));
    audit::record(
        conn,
        &caller.actor,
        "rep_intake.update",
        "user",
        Some(&row.user_id),
        Some(&old),
        Some(&new),
    )?;
    Ok(new)
}
