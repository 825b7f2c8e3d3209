use actix_web::get;
use closebook_shared::allocation::Allocation;
use closebook_shared::users::User;

use crate::authz::PipelineCtx;
use crate::domain::allocations;
use crate::openapi::TAG_ALLOCATIONS;
use crate::params::Id;
use crate::reply::Answer;

/// A rep's queue
///
/// `{id}` is the rep's user id. Its pending, accepted and active allocations, the nearest SLA deadline first. A rep reads
/// its own, a manager its reps'.
#[utoipa::path(tag = TAG_ALLOCATIONS, operation_id = "get_rep_queue", params(Id<User>), responses(
    (status = 200, description = "The queue", body = Vec<Allocation>),
))]
#[get("/allocations/rm/{id}/queue")]
pub async fn get_rep_queue(ctx: PipelineCtx, rm_id: Id<User>) -> Answer<Vec<Allocation>> {
    ctx.show(move |c, caller| allocations::queue(c, caller, rm_id.uuid()))
        .await
}
