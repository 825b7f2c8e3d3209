use actix_web::get;
use closebook_shared::allocation::Allocation;

use crate::authz::PipelineCtx;
use crate::domain::allocations;
use crate::openapi::TAG_ALLOCATIONS;
use crate::params::Id;
use crate::reply::Answer;

/// Get an allocation
///
/// With the engine's trace: which rule passed or set aside whom, and why.
#[utoipa::path(tag = TAG_ALLOCATIONS, operation_id = "get_allocation", params(Id<Allocation>), responses(
    (status = 200, description = "The allocation; `ETag` carries its version", body = Allocation),
))]
#[get("/allocations/{id}")]
pub async fn get_allocation(ctx: PipelineCtx, id: Id<Allocation>) -> Answer<Allocation> {
    ctx.get(move |c, caller| allocations::get(c, caller, id.uuid()))
        .await
}
