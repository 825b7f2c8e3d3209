use actix_web::get;
use closebook_shared::allocation::WorkloadReport;

use crate::authz::PipelineCtx;
use crate::domain::allocations;
use crate::openapi::TAG_ALLOCATIONS;
use crate::reply::Answer;

/// Team workload
///
/// Per rep in the caller's scope: queue depth, pending and overdue, capacity and utilisation;
/// the team's mean and spread against seed 003 §9.3's band (70–85%, under 15 points), and the
/// overflow waiting.
#[utoipa::path(tag = TAG_ALLOCATIONS, operation_id = "get_allocation_workload", responses(
    (status = 200, description = "The workload", body = WorkloadReport),
))]
#[get("/allocations/workload")]
pub async fn get_allocation_workload(ctx: PipelineCtx) -> Answer<WorkloadReport> {
    ctx.show(allocations::workload).await
}
