use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::allocation::{Allocation, ReassignAllocationRequest};

use crate::authz::PipelineCtx;
use crate::domain::allocations;
use crate::extract::Json;
use crate::openapi::TAG_ALLOCATIONS;
use crate::params::Id;
use crate::reply::Answer;

/// Reassign an allocation
///
/// Managers and admins, with a reason. To the rep named (within its capacity), or the engine
/// chooses without the current rep. The old allocation ends `reassigned`; both reps are told.
/// `reset_sla` (default true) gives the new rep a whole SLA window.
#[utoipa::path(tag = TAG_ALLOCATIONS, operation_id = "reassign_allocation", params(Id<Allocation>), responses(
    (status = 201, description = "The new allocation; `Location` names it", body = Allocation),
    (status = 409, description = "The allocation has ended, or the rep is unavailable or full (`conflict`); no such rep (`invalid_reference`)", body = Problem),
))]
#[post("/allocations/{id}/reassign")]
pub async fn reassign_allocation(
    ctx: PipelineCtx,
    id: Id<Allocation>,
    body: Json<ReassignAllocationRequest>,
) -> Answer<Allocation> {
    ctx.create("/allocations", move |c, caller| {
        allocations::reassign(c, caller, id.uuid(), &body.0)
    })
    .await
}
