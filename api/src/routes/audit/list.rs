use actix_web::get;
use closebook_shared::Page;
use closebook_shared::audit::{AuditEntry, AuditQuery};

use crate::audit;
use crate::authz::AdminCtx;
use crate::extract::Query;
use crate::openapi::TAG_AUDIT;
use crate::reply::Answer;

/// List audit entries
///
/// Admin only. Newest first; filter by actor, entity, action and time range.
#[utoipa::path(tag = TAG_AUDIT, operation_id = "list_audit", params(AuditQuery), responses(
    (status = 200, description = "A page of entries", body = Page<AuditEntry>),
))]
#[get("/audit")]
pub async fn list_audit(ctx: AdminCtx, q: Query<AuditQuery>) -> Answer<Page<AuditEntry>> {
    // `to` ≤ `from` is an empty range, answered with an empty page.
    ctx.list(q.0, |c, _, q, page| audit::list(c, &q, page))
        .await
}
