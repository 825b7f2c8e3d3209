use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::auth::{ChangePasswordRequest, TokenResponse};

use crate::auth::{password, refresh, session};
use crate::context::Ctx;
use crate::db::users;
use crate::error::ApiError;
use crate::extract::Json;
use crate::openapi::TAG_AUTH;
use crate::reply::{Answer, Reply};
use crate::{audit, time};

/// Change my password
///
/// Needs the current password. Every other session of the user is signed out; the response
/// carries a fresh token pair for this one. Also how a temporary password is replaced.
#[utoipa::path(tag = TAG_AUTH, operation_id = "change_password", responses(
    (status = 200, description = "Changed; a new token pair", body = TokenResponse),
    (status = 403, description = "Wrong current password, or called with a service token (`forbidden`)", body = Problem),
))]
#[post("/me/password")]
pub async fn change_password(ctx: Ctx, body: Json<ChangePasswordRequest>) -> Answer<TokenResponse> {
    let req = body.0;
    let id = ctx
        .principal
        .user_id()
        .ok_or_else(|| ApiError::forbidden("a service token has no password"))?;
    let user = ctx
        .db()
        .read(move |c| users::find(c, id))
        .await?
        .filter(|u| u.active)
        .ok_or_else(|| ApiError::unauthenticated("this account is no longer active"))?;
    if !password::verify(
        req.current_password.clone(),
        Some(user.password_hash.clone()),
    )
    .await?
    {
        return Err(ApiError::forbidden("the current password is wrong")
            .on_field("current_password", "is wrong"));
    }
    if req.new_password == req.current_password {
        return Err(ApiError::field(
            "new_password",
            "must differ from the current password",
        ));
    }
    let hash = password::hash(req.new_password).await?;
    let (actor, ttl, state) = (ctx.actor(), ctx.state.refresh_ttl, ctx.state.clone());
    let reply = ctx
        .commit(move |c| {
            let now = time::now();
            users::set_password(c, &user.id, &hash, false, now)?;
            users::end_sessions(c, &user.id, now)?;
            let token = refresh::issue(c, &user.id, None, ttl, now)?;
            let detail = serde_json::json!({ "by": "self" });
            audit::record_after(c, &actor, "user.password_change", "user", &user.id, &detail)?;
            let user = users::find(c, user.uuid())?.ok_or_else(|| ApiError::not_found("user"))?;
            let generation = users::token_generation(c, &user.id)?;
            Ok(Reply::ok(session::token_pair(
                &state.jwt, &user, token, generation,
            )?))
        })
        .await?;
    ctx.state.sessions_ended().await;
    Ok(reply)
}
