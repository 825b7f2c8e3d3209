//! Allocations: the rep's queue and answers, the manager's workload and reassignments.

use closebook_shared::Page;
use closebook_shared::allocation::{
    Allocation, AllocationListQuery, ReassignAllocationRequest, RejectAllocationRequest, RepIntake,
    UpdateRepIntakeRequest, WorkloadReport,
};
use uuid::Uuid;

use super::{ApiResult, call, get, post, query_string};

pub async fn queue(rep: Uuid) -> ApiResult<Vec<Allocation>> {
    get(&format!("/allocations/rm/{rep}/queue")).await
}

pub async fn list(q: AllocationListQuery) -> ApiResult<Page<Allocation>> {
    get(&format!("/allocations{}", query_string(&q))).await
}

pub async fn accept(id: Uuid) -> ApiResult<Allocation> {
    call(
        super::Method::Patch,
        &format!("/allocations/{id}/accept"),
        None,
    )
    .await
}

pub async fn reject(id: Uuid, req: &RejectAllocationRequest) -> ApiResult<Allocation> {
    call(
        super::Method::Patch,
        &format!("/allocations/{id}/reject"),
        super::to_json(req),
    )
    .await
}

pub async fn reassign(id: Uuid, req: &ReassignAllocationRequest) -> ApiResult<Allocation> {
    post(&format!("/allocations/{id}/reassign"), req).await
}

pub async fn workload() -> ApiResult<WorkloadReport> {
    get("/allocations/workload").await
}

pub async fn intake(rep: Uuid) -> ApiResult<RepIntake> {
    get(&format!("/users/{rep}/intake")).await
}

pub async fn update_intake(rep: Uuid, req: &UpdateRepIntakeRequest) -> ApiResult<RepIntake> {
    super::patch(&format!("/users/{rep}/intake"), req).await
}
