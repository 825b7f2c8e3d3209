use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::allocation::{Allocation, BulkReassignRequest};

use crate::authz::PipelineCtx;
use crate::domain::allocations;
use crate::extract::Json;
use crate::openapi::TAG_ALLOCATIONS;
use crate::reply::{Answer, Reply};

/// Reassign several allocations
///
/// Managers and admins: as `POST /allocations/{id}/reassign` for each, all or none (an error
/// names the `allocation_ids[i]` at fault).
#[utoipa::path(tag = TAG_ALLOCATIONS, operation_id = "bulk_reassign_allocations", responses(
    (status = 200, description = "The new allocations, in the order of the ids", body = Vec<Allocation>),
    (status = 409, description = "An allocation is unknown (`invalid_reference`) or has ended, or the rep is unavailable or full (`conflict`)", body = Problem),
))]
#[post("/allocations/bulk-reassign")]
pub async fn bulk_reassign_allocations(
    ctx: PipelineCtx,
    body: Json<BulkReassignRequest>,
) -> Answer<Vec<Allocation>> {
    ctx.commit(move |c, caller| allocations::bulk_reassign(c, caller, body.0).map(Reply::ok))
        .await
}
