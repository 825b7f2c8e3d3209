use actix_web::get;
use closebook_shared::Page;
use closebook_shared::audit::{AuditEntry, AuditQuery};

use crate::context::Ctx;
use crate::error::ApiResult;
use crate::extract::Query;
use crate::openapi::TAG_AUDIT;
use crate::pagination::PageRequest;
use crate::reply::Reply;
use crate::{audit, authz};

/// List audit entries
///
/// Admin only. Newest first; filter by actor, entity, action and time range.
#[utoipa::path(tag = TAG_AUDIT, operation_id = "list_audit", params(AuditQuery), security(("bearer" = [])), responses(
    (status = 200, description = "A page of entries", body = Page<AuditEntry>),
))]
#[get("/audit")]
pub async fn list_audit(ctx: Ctx, q: Query<AuditQuery>) -> ApiResult<Reply<Page<AuditEntry>>> {
    authz::require_admin(&ctx.principal)?;
    // `to` ≤ `from` is an empty range, answered with an empty page.
    let page = PageRequest::parse(q.limit, q.cursor.as_deref())?;
    let result = ctx.db().read(move |c| audit::list(c, &q.0, &page)).await?;
    Ok(Reply::ok(result))
}
