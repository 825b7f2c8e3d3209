//! Compensation plans: list, create, add a version, preview a draft.

use closebook_shared::Page;
use closebook_shared::compensation_plans::{
    CompensationPlan, CreatePlanRequest, PlanPreview, PlanPreviewRequest, UpdatePlanRequest,
};
use uuid::Uuid;

use super::{ApiResult, get, patch, post};

pub async fn list() -> ApiResult<Page<CompensationPlan>> {
    get("/compensation-plans?limit=200").await
}

pub async fn create(req: &CreatePlanRequest) -> ApiResult<CompensationPlan> {
    post("/compensation-plans", req).await
}

pub async fn update(id: Uuid, req: &UpdatePlanRequest) -> ApiResult<CompensationPlan> {
    patch(&format!("/compensation-plans/{id}"), req).await
}

pub async fn preview(req: &PlanPreviewRequest) -> ApiResult<PlanPreview> {
    post("/compensation-plans/preview", req).await
}
