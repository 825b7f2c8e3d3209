//! Minting and revoking service tokens (integrations acting with a role).

use closebook_shared::service_tokens::{CreateServiceTokenRequest, CreatedServiceToken};
use uuid::Uuid;

use crate::audit::{self, Actor};
use crate::auth::{service_token, tokens};
use crate::context::Caller;
use crate::db::DbConn;
use crate::db::tokens::{self as rows, ServiceTokenRow};
use crate::error::ApiError;
use crate::time;

/// A new token for `req.role`; the secret is in the answer only (the database keeps its hash).
pub fn create(
    conn: &mut DbConn,
    caller: &Caller<()>,
    req: CreateServiceTokenRequest,
) -> Result<CreatedServiceToken, ApiError> {
    let now = time::now();
    if req.expires_at.is_some_and(|e| e.naive_utc() <= now) {
        return Err(ApiError::field("expires_at", "must be in the future"));
    }
    let token = tokens::generate(service_token::PREFIX);
    let row = ServiceTokenRow {
        id: Uuid::now_v7().to_string(),
        name: req.name.trim().to_owned(),
        token_hash: tokens::hash(&token),
        prefix: token.chars().take(12).collect(),
        role: req.role,
        created_by: caller.principal.user_id().map(|u| u.to_string()),
        created_at: now,
        expires_at: req.expires_at.map(|e| e.naive_utc()),
        last_used_at: None,
        revoked_at: None,
    };
    rows::insert_service_token(conn, &row)?;
    let dto = row.to_dto();
    let action = "service_token.create";
    audit::record_after(conn, &caller.actor, action, "service_token", &row.id, &dto)?;
    Ok(CreatedServiceToken {
        token,
        service_token: dto,
    })
}

/// Revokes a token; revoking a revoked one changes nothing (and records nothing).
pub fn revoke(conn: &mut DbConn, actor: &Actor, id: Uuid) -> Result<(), ApiError> {
    let before =
        rows::find_service_token(conn, id)?.ok_or_else(|| ApiError::not_found("service token"))?;
    if before.revoked_at.is_some() {
        return Ok(());
    }
    rows::revoke_service_token(conn, &before.id, time::now())?;
    let after = rows::find_service_token(conn, id)?.map(|r| r.to_dto());
    audit::record(
        conn,
        actor,
        "service_token.revoke",
        "service_token",
        Some(&before.id),
        Some(&before.to_dto()),
        after.as_ref(),
    )
}
