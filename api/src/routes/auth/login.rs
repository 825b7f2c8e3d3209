use actix_web::{HttpResponse, post};
use closebook_shared::auth::{LoginRequest, TokenResponse};
use closebook_shared::{ErrorCode, Problem};

use crate::audit::{self, Actor};
use crate::auth::login_throttle::retry_after;
use crate::auth::{password, refresh, session};
use crate::context::PublicCtx;
use crate::db::{tokens, users};
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::openapi::TAG_AUTH;
use crate::time;

/// Sign in
///
/// Exchanges email and password for an access token and a refresh token. After repeated failures
/// for one account or from one address, attempts are refused with 429 and `Retry-After`.
#[utoipa::path(tag = TAG_AUTH, operation_id = "login", security(()), responses(
    (status = 200, description = "Signed in", body = TokenResponse),
    (status = 401, description = "Wrong email or password (`invalid_credentials`)", body = Problem),
    (status = 403, description = "Account deactivated (`account_disabled`)", body = Problem),
    (status = 429, description = "Too many failed attempts (`too_many_login_attempts`); see `Retry-After`", body = Problem),
))]
#[post("/auth/login")]
pub async fn login(ctx: PublicCtx, body: Json<LoginRequest>) -> ApiResult<HttpResponse> {
    let LoginRequest { email, password } = body.0;
    let (state, ip, key) = (
        ctx.state.clone(),
        ctx.client_ip.clone(),
        users::email_key(&email),
    );
    let now = time::now();
    let throttle = state.throttle;

    let (user, wait) = state
        .db
        .read({
            let (key, ip) = (key.clone(), ip.clone());
            move |c| {
                let since = now - throttle.window;
                let by_account = tokens::failures_for_email(c, &key, since)?;
                let by_ip = tokens::failures_for_ip(c, &ip, since)?;
                let wait =
                    retry_after(&by_account, throttle.max_per_account, throttle.window, now).max(
                        retry_after(&by_ip, throttle.max_per_ip, throttle.window, now),
                    );
                Ok((users::find_by_email(c, &key)?, wait))
            }
        })
        .await?;
    if let Some(wait) = wait {
        return Err(ApiError::new(
            ErrorCode::TooManyLoginAttempts,
            "too many failed sign-in attempts; wait and retry",
        )
        .retry_after(wait));
    }

    let matches =
        password::verify(password, user.as_ref().map(|u| u.password_hash.clone())).await?;
    let Some(user) = user.filter(|_| matches) else {
        state
            .db
            .write(move |c| tokens::record_login_attempt(c, &key, &ip, false, now))
            .await?;
        return Err(ApiError::new(
            ErrorCode::InvalidCredentials,
            "the email or the password is wrong",
        ));
    };
    if !user.active {
        return Err(ApiError::new(
            ErrorCode::AccountDisabled,
            "this account has been deactivated; ask an admin",
        ));
    }

    let request_id = ctx.request_id.clone();
    let refresh_ttl = state.refresh_ttl;
    let (user, refresh_token, generation) = state
        .db
        .write(move |c| {
            tokens::record_login_attempt(c, &key, &ip, true, now)?;
            let token = refresh::issue(c, &user.id, None, refresh_ttl, now)?;
            let actor = Actor::user(user.uuid(), &request_id);
            audit::record_after(
                c,
                &actor,
                "auth.login",
                "user",
                &user.id,
                &serde_json::json!({ "ip": ip }),
            )?;
            let generation = users::token_generation(c, &user.id)?;
            Ok((user, token, generation))
        })
        .await?;
    Ok(HttpResponse::Ok().json(session::token_pair(
        &state.jwt,
        &user,
        refresh_token,
        generation,
    )?))
}
