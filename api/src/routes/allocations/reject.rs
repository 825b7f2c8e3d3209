use actix_web::patch;
use closebook_shared::Problem;
use closebook_shared::allocation::{Allocation, RejectAllocationRequest};

use crate::authz::PipelineCtx;
use crate::domain::allocations;
use crate::extract::Json;
use crate::openapi::TAG_ALLOCATIONS;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// Reject an allocation
///
/// The allocated rep only, with a reason. The lead goes to the next eligible rep (never back to
/// this one) or to the overflow pool; `superseded_by` names the new allocation.
#[utoipa::path(tag = TAG_ALLOCATIONS, operation_id = "reject_allocation", params(Id<Allocation>), responses(
    (status = 200, description = "The rejected allocation", body = Allocation),
    (status = 409, description = "It is neither pending nor accepted (`conflict`)", body = Problem),
))]
#[patch("/allocations/{id}/reject")]
pub async fn reject_allocation(
    ctx: PipelineCtx,
    id: Id<Allocation>,
    body: Json<RejectAllocationRequest>,
) -> Answer<Allocation> {
    ctx.commit(move |c, caller| {
        allocations::reject(c, caller, id.uuid(), body.0).map(Reply::versioned)
    })
    .await
}
