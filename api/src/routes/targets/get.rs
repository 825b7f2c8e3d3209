use actix_web::get;
use closebook_shared::targets::Target;

use crate::authz::InsightCtx;
use crate::domain::targets;
use crate::openapi::TAG_TARGETS;
use crate::params::Id;
use crate::reply::Answer;

/// Get a target
///
/// With its achieved value and percentage computed from live data, and its status.
#[utoipa::path(tag = TAG_TARGETS, operation_id = "get_target", params(Id<Target>), responses(
    (status = 200, description = "The target; `ETag` carries its version", body = Target),
))]
#[get("/targets/{id}")]
pub async fn get_target(ctx: InsightCtx, id: Id<Target>) -> Answer<Target> {
    ctx.get(move |c, caller| targets::get(c, caller, id.uuid()))
        .await
}
