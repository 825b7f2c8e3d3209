use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::allocation::{Allocation, CreateAllocationRequest};

use crate::authz::PipelineCtx;
use crate::domain::allocations;
use crate::extract::Json;
use crate::openapi::TAG_ALLOCATIONS;
use crate::reply::Answer;

/// Allocate a lead
///
/// Managers and admins. The engine chooses the rep (rules LAR-001..005, LAR-007: the overflow
/// pool when nobody is eligible), or the manager names one it manages (within its capacity). A
/// lead created without an owner is allocated this way automatically.
#[utoipa::path(tag = TAG_ALLOCATIONS, operation_id = "create_allocation", responses(
    (status = 201, description = "Allocated; `Location` names the allocation", body = Allocation),
    (status = 409, description = "No such lead or rep (`invalid_reference`), the lead is closed or already allocated, the rep is unavailable or its queue is full (`conflict`)", body = Problem),
))]
#[post("/allocations")]
pub async fn create_allocation(
    ctx: PipelineCtx,
    body: Json<CreateAllocationRequest>,
) -> Answer<Allocation> {
    ctx.create("/allocations", move |c, caller| {
        allocations::create(c, caller, body.0)
    })
    .await
}
