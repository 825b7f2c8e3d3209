use actix_web::get;
use closebook_shared::Page;
use closebook_shared::service_tokens::{ServiceToken, ServiceTokenListQuery};

use crate::authz::TokenAdminCtx;
use crate::db::tokens;
use crate::extract::Query;
use crate::openapi::TAG_SERVICE_TOKENS;
use crate::reply::Answer;

/// List service tokens
///
/// Signed-in admins only. Newest first; the secrets themselves are never shown again.
#[utoipa::path(tag = TAG_SERVICE_TOKENS, operation_id = "list_service_tokens", params(ServiceTokenListQuery), responses(
    (status = 200, description = "A page of tokens", body = Page<ServiceToken>),
))]
#[get("/service-tokens")]
pub async fn list_service_tokens(
    ctx: TokenAdminCtx,
    q: Query<ServiceTokenListQuery>,
) -> Answer<Page<ServiceToken>> {
    ctx.list(q.0, |c, _, q, page| {
        tokens::list_service_tokens(c, q.include_revoked.unwrap_or(false), page)
    })
    .await
}
