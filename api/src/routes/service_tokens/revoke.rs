use actix_web::{HttpResponse, delete};

use crate::context::Ctx;
use crate::db::tokens;
use crate::error::{ApiError, ApiResult};
use crate::openapi::TAG_SERVICE_TOKENS;
use crate::params::Id;
use crate::{audit, authz, time};
use closebook_shared::service_tokens::ServiceToken;

/// Revoke a service token
///
/// Signed-in admins only. Takes effect at once; revoking twice is harmless.
#[utoipa::path(tag = TAG_SERVICE_TOKENS, operation_id = "revoke_service_token", params(Id<ServiceToken>), security(("bearer" = [])), responses(
    (status = 204, description = "Revoked"),
))]
#[delete("/service-tokens/{id}")]
pub async fn revoke_service_token(ctx: Ctx, id: Id<ServiceToken>) -> ApiResult<HttpResponse> {
    authz::require_human_admin(&ctx.principal)?;
    let id = id.uuid();
    let actor = ctx.actor();
    ctx.db()
        .write(move |c| {
            let before = tokens::find_service_token(c, id)?
                .ok_or_else(|| ApiError::not_found("service token"))?;
            if before.revoked_at.is_none() {
                tokens::revoke_service_token(c, &before.id, time::now())?;
                let after = tokens::find_service_token(c, id)?.map(|r| r.to_dto());
                audit::record(
                    c,
                    &actor,
                    "service_token.revoke",
                    "service_token",
                    Some(&before.id),
                    Some(&before.to_dto()),
                    after.as_ref(),
                )?;
            }
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
