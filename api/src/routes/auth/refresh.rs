use actix_web::{HttpResponse, post};
use closebook_shared::auth::{RefreshRequest, TokenResponse};
use closebook_shared::{ErrorCode, Problem};

use crate::audit::{self, Actor};
use crate::auth::refresh::{self as refresh_tokens, Redeemed};
use crate::auth::session;
use crate::context::PublicCtx;
use crate::db::{tokens, users};
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::openapi::TAG_AUTH;
use crate::time;

/// Refresh tokens
///
/// Spends a refresh token and returns a new pair. Each refresh token works once: presenting a
/// spent one revokes every token of that sign-in (the user must sign in again).
#[utoipa::path(tag = TAG_AUTH, operation_id = "refresh_token", security(()), responses(
    (status = 200, description = "A new token pair", body = TokenResponse),
    (status = 401, description = "Unknown, expired, revoked or reused refresh token (`invalid_refresh_token`)", body = Problem),
    (status = 403, description = "Account deactivated (`account_disabled`)", body = Problem),
))]
#[post("/auth/refresh")]
pub async fn refresh(ctx: PublicCtx, body: Json<RefreshRequest>) -> ApiResult<HttpResponse> {
    let token = body.0.refresh_token;
    let (request_id, ttl, now) = (ctx.request_id.clone(), ctx.state.refresh_ttl, time::now());
    // Every outcome commits: a reuse must leave its family revoked even though the caller gets 401.
    let outcome = ctx
        .state
        .db
        .write(move |c| {
            Ok(match refresh_tokens::redeem(c, &token, now)? {
                Redeemed::Invalid => Err(invalid("the refresh token is unknown, expired or revoked; sign in again")),
                Redeemed::Reused { user_id } => {
                    let actor = uuid::Uuid::parse_str(&user_id).map_or_else(|_| Actor::system(), |id| Actor::user(id, &request_id));
                    audit::record(c, &actor, "auth.refresh_reuse", "user", Some(&user_id), None::<&()>, None::<&()>)?;
                    Err(invalid("this refresh token was already used; every session of that sign-in was revoked"))
                }
                Redeemed::Valid { user_id, family_id } => {
                    let user = uuid::Uuid::parse_str(&user_id).ok().map(|id| users::find(c, id)).transpose()?.flatten();
                    match user {
                        Some(user) if user.active => {
                            let next = refresh_tokens::issue(c, &user.id, Some(&family_id), ttl, now)?;
                            let generation = users::token_generation(c, &user.id)?;
                            Ok((user, next, generation))
                        }
                        _ => {
                            tokens::revoke_family(c, &family_id, now)?;
                            Err(ApiError::new(ErrorCode::AccountDisabled, "this account has been deactivated"))
                        }
                    }
                }
            })
        })
        .await?;
    let (user, next, generation) = outcome?;
    Ok(HttpResponse::Ok().json(session::token_pair(
        &ctx.state.jwt,
        &user,
        next,
        generation,
    )?))
}

fn invalid(detail: &str) -> ApiError {
    ApiError::new(ErrorCode::InvalidRefreshToken, detail)
}
