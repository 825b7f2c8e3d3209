use actix_web::post;
use closebook_shared::service_tokens::{CreateServiceTokenRequest, CreatedServiceToken};
use uuid::Uuid;

use crate::auth::{service_token, tokens};
use crate::context::Ctx;
use crate::db::tokens::{self as rows, ServiceTokenRow};
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::openapi::TAG_SERVICE_TOKENS;
use crate::reply::Reply;
use crate::{audit, authz, time};

/// Create a service token
///
/// Signed-in admins only. The token acts with the chosen role's permissions. The secret is in
/// this response only; store it now.
#[utoipa::path(tag = TAG_SERVICE_TOKENS, operation_id = "create_service_token", security(("bearer" = [])), responses(
    (status = 201, description = "Created; `token` is shown this once", body = CreatedServiceToken),
))]
#[post("/service-tokens")]
pub async fn create_service_token(
    ctx: Ctx,
    body: Json<CreateServiceTokenRequest>,
) -> ApiResult<Reply<CreatedServiceToken>> {
    authz::require_human_admin(&ctx.principal)?;
    let req = body.0;
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
        created_by: ctx.principal.user_id().map(|u| u.to_string()),
        created_at: now,
        expires_at: req.expires_at.map(|e| e.naive_utc()),
        last_used_at: None,
        revoked_at: None,
    };
    let actor = ctx.actor();
    ctx.commit(move |c| {
        rows::insert_service_token(c, &row)?;
        let dto = row.to_dto();
        audit::record(
            c,
            &actor,
            "service_token.create",
            "service_token",
            Some(&row.id),
            None::<&()>,
            Some(&dto),
        )?;
        Ok(Reply::created(
            format!("/api/v1/service-tokens/{}", dto.id),
            CreatedServiceToken {
                token,
                service_token: dto,
            },
        ))
    })
    .await
}
