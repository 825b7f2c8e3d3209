use actix_web::{HttpResponse, delete};

use crate::authz::TokenAdminCtx;
use crate::domain;
use crate::error::ApiResult;
use crate::openapi::TAG_SERVICE_TOKENS;
use crate::params::Id;
use closebook_shared::service_tokens::ServiceToken;

/// Revoke a service token
///
/// Signed-in admins only. Takes effect at once; revoking twice is harmless.
#[utoipa::path(tag = TAG_SERVICE_TOKENS, operation_id = "revoke_service_token", params(Id<ServiceToken>), responses(
    (status = 204, description = "Revoked"),
))]
#[delete("/service-tokens/{id}")]
pub async fn revoke_service_token(
    ctx: TokenAdminCtx,
    id: Id<ServiceToken>,
) -> ApiResult<HttpResponse> {
    ctx.write(move |c, caller| domain::service_tokens::revoke(c, &caller.actor, id.uuid()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
