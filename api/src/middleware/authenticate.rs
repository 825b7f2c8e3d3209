//! Reads `Authorization: Bearer …` and puts the [`Principal`] on the request. A request without
//! the header passes through anonymous (handlers that need a caller refuse it); a header that is
//! present but wrong is refused here, so a client never mistakes a bad token for anonymity.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{HttpMessage, web};

use crate::app::AppState;
use crate::auth::{Principal, service_token};
use crate::error::ApiError;
use closebook_shared::ErrorCode;

pub async fn authenticate<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    match principal_of(&req).await {
        Ok(Some(principal))
            if principal.must_change_password && !allowed_before_password_change(req.path()) =>
        {
            let e = ApiError::new(
                ErrorCode::PasswordChangeRequired,
                "set a new password first (POST /api/v1/me/password)",
            );
            return Ok(super::reject(req, e));
        }
        Ok(Some(principal)) => {
            req.extensions_mut().insert(principal);
        }
        Ok(None) => {}
        Err(e) => return Ok(super::reject(req, e)),
    }
    Ok(next.call(req).await?.map_into_left_body())
}

/// What a user holding a temporary password may still do: see itself, change the password,
/// sign out.
fn allowed_before_password_change(path: &str) -> bool {
    matches!(
        path,
        "/api/v1/me" | "/api/v1/me/password" | "/api/v1/auth/logout"
    )
}

async fn principal_of(req: &ServiceRequest) -> Result<Option<Principal>, ApiError> {
    let Some(value) = req.headers().get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    {
        let token = value
            .to_str()
            .ok()
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                ApiError::unauthenticated("the Authorization header must be `Bearer <token>`")
            })?
            .to_owned();
        let state = req
            .app_data::<web::Data<AppState>>()
            .ok_or_else(|| ApiError::internal("application state missing"))?
            .clone();
        let principal = if service_token::looks_like(&token) {
            service_token::authenticate(&state.db, &token).await?
        } else {
            let (principal, generation) = state.jwt.verify(&token)?;
            if state.revocations.is_revoked(principal.id, generation) {
                return Err(ApiError::unauthenticated(
                    "this session was ended (signed out, deactivated, role or password changed); sign in again",
                ));
            }
            principal
        };
        Ok(Some(principal))
    }
}
