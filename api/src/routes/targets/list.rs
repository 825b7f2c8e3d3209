use actix_web::get;
use closebook_shared::Page;
use closebook_shared::targets::{Target, TargetListQuery};

use crate::authz::InsightCtx;
use crate::domain::targets;
use crate::extract::Query;
use crate::openapi::TAG_TARGETS;
use crate::reply::Answer;

/// List targets
///
/// Newest first, with each one's achieved value computed now. A rep sees its own, its team's
/// and the cities'; a manager its people's, its teams' and the cities'; finance and admins all.
/// Cancelled targets only with `include_cancelled=true`.
#[utoipa::path(tag = TAG_TARGETS, operation_id = "list_targets", params(TargetListQuery), responses(
    (status = 200, description = "A page of targets", body = Page<Target>),
))]
#[get("/targets")]
pub async fn list_targets(ctx: InsightCtx, q: Query<TargetListQuery>) -> Answer<Page<Target>> {
    ctx.list(q.0, targets::list).await
}
