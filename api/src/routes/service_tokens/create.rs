use actix_web::post;
use closebook_shared::service_tokens::{CreateServiceTokenRequest, CreatedServiceToken};

use crate::authz::TokenAdminCtx;
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_SERVICE_TOKENS;
use crate::reply::{Answer, Reply};

/// Create a service token
///
/// Signed-in admins only. The token acts with the chosen role's permissions. The secret is in
/// this response only; store it now.
#[utoipa::path(tag = TAG_SERVICE_TOKENS, operation_id = "create_service_token", responses(
    (status = 201, description = "Created; `token` is shown this once", body = CreatedServiceToken),
))]
#[post("/service-tokens")]
pub async fn create_service_token(
    ctx: TokenAdminCtx,
    body: Json<CreateServiceTokenRequest>,
) -> Answer<CreatedServiceToken> {
    ctx.commit(move |c, caller| {
        let created = domain::service_tokens::create(c, caller, body.0)?;
        let location = format!("/api/v1/service-tokens/{}", created.service_token.id);
        Ok(Reply::created(location, created))
    })
    .await
}
