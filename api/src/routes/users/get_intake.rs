use actix_web::get;
use closebook_shared::allocation::RepIntake;
use closebook_shared::users::User;

use crate::authz::PipelineCtx;
use crate::domain::allocations;
use crate::openapi::TAG_ALLOCATIONS;
use crate::params::Id;
use crate::reply::Answer;

/// Get a rep's intake
///
/// Whether the allocation engine gives the rep leads (availability, paused intake), its own
/// capacity and its skills. A rep reads its own, a manager its reps'.
#[utoipa::path(tag = TAG_ALLOCATIONS, operation_id = "get_rep_intake", params(Id<User>), responses(
    (status = 200, description = "The intake; `ETag` carries its version", body = RepIntake),
))]
#[get("/users/{id}/intake")]
pub async fn get_rep_intake(ctx: PipelineCtx, id: Id<User>) -> Answer<RepIntake> {
    ctx.get(move |c, caller| allocations::get_intake(c, caller, id.uuid()))
        .await
}
