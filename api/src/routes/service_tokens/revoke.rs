use actix_web::{HttpResponse, delete, web};
use closebook_shared::Problem;

use crate::context::Ctx;
use crate::db::tokens;
use crate::error::{ApiError, ApiResult};
use crate::openapi::TAG_SERVICE_TOKENS;
use crate::routes::parse_id;
use crate::{audit, authz, time};

/// Revoke a service token
///
/// Signed-in admins only. Takes effect at once; revoking twice is harmless.
#[utoipa::path(tag = TAG_SERVICE_TOKENS, operation_id = "revoke_service_token", params(("id" = uuid::Uuid, Path, description = "Service token id")), security(("bearer" = [])), responses(
    (status = 204, description = "Revoked"),
    (status = 403, description = "Not a signed-in admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such token (`not_found`)", body = Problem, content_type = "application/problem+json"),
))]
#[delete("/service-tokens/{id}")]
pub async fn revoke_service_token(ctx: Ctx, id: web::Path<String>) -> ApiResult<HttpResponse> {
    authz::require_human_admin(&ctx.principal)?;
    let id = parse_id(&id, "service token")?;
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
