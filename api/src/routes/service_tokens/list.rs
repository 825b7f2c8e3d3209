use actix_web::get;
use closebook_shared::Page;
use closebook_shared::service_tokens::{ServiceToken, ServiceTokenListQuery};

use crate::authz;
use crate::context::Ctx;
use crate::db::tokens;
use crate::error::ApiResult;
use crate::extract::Query;
use crate::openapi::TAG_SERVICE_TOKENS;
use crate::pagination::PageRequest;
use crate::reply::Reply;

/// List service tokens
///
/// Signed-in admins only. Newest first; the secrets themselves are never shown again.
#[utoipa::path(tag = TAG_SERVICE_TOKENS, operation_id = "list_service_tokens", params(ServiceTokenListQuery), security(("bearer" = [])), responses(
    (status = 200, description = "A page of tokens", body = Page<ServiceToken>),
))]
#[get("/service-tokens")]
pub async fn list_service_tokens(
    ctx: Ctx,
    q: Query<ServiceTokenListQuery>,
) -> ApiResult<Reply<Page<ServiceToken>>> {
    authz::require_human_admin(&ctx.principal)?;
    let page = PageRequest::parse(q.limit, q.cursor.as_deref())?;
    let include_revoked = q.include_revoked.unwrap_or(false);
    let result = ctx
        .db()
        .read(move |c| tokens::list_service_tokens(c, include_revoked, &page))
        .await?;
    Ok(Reply::ok(result))
}
