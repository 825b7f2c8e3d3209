use actix_web::patch;
use closebook_shared::Problem;
use closebook_shared::allocation::Allocation;

use crate::authz::PipelineCtx;
use crate::domain::allocations;
use crate::openapi::TAG_ALLOCATIONS;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// Accept an allocation
///
/// The allocated rep only. A pending allocation becomes accepted and its SLA clock stops.
#[utoipa::path(tag = TAG_ALLOCATIONS, operation_id = "accept_allocation", params(Id<Allocation>), responses(
    (status = 200, description = "The accepted allocation", body = Allocation),
    (status = 409, description = "It is not pending (`conflict`)", body = Problem),
))]
#[patch("/allocations/{id}/accept")]
pub async fn accept_allocation(ctx: PipelineCtx, id: Id<Allocation>) -> Answer<Allocation> {
    ctx.commit(move |c, caller| allocations::accept(c, caller, id.uuid()).map(Reply::versioned))
        .await
}
