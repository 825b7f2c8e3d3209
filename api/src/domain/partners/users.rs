//! `POST /partners/{id}/users`: a user of the account, made by an admin (`AdminCtx`).

use closebook_shared::Role;
use closebook_shared::partners::{CreatePartnerUserRequest, PartnerStatus};
use closebook_shared::users::{CreateUserRequest, User};
use uuid::Uuid;

use super::find;
use crate::context::Caller;
use crate::db::DbConn;
use crate::db::partners as rows;
use crate::domain;
use crate::error::ApiError;

pub fn add_user(
    conn: &mut DbConn,
    caller: &Caller<()>,
    id: Uuid,
    req: CreatePartnerUserRequest,
    password_hash: String,
) -> Result<User, ApiError> {
    let account = find(conn, id)?;
    if account.status == PartnerStatus::Closed {
        return Err(ApiError::conflict("a closed account gets no new users"));
    }
    let user = domain::users::create(
        conn,
        &caller.actor,
        CreateUserRequest {
            email: req.email,
            name: req.name,
            role: Role::Partner,
            password: req.password,
            must_change_password: Some(true),
            phone: None,
            title: None,
            employee_id: None,
            manager_id: None,
            team_id: None,
            hire_date: None,
            base_salary: None,
            time_zone: None,
        },
        password_hash,
    )?;
    rows::attach_user(conn, &user.id.to_string(), &account.id)?;
    Ok(user)
}
