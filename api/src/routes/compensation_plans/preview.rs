use actix_web::{HttpResponse, post};
use closebook_shared::compensation_plans::{PlanPreview, PlanPreviewRequest};

use crate::authz::FinanceCtx;
use crate::domain::commissions::preview;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::openapi::TAG_COMMISSIONS;

/// Preview a draft plan
///
/// Finance and admins, before saving a plan or a new version: what the draft rules would have
/// paid in a past month (default last month), rep by rep beside what the rules in force then
/// pay for the same won deals, paid invoices and sold upsells. `plan_id` limits it to the reps
/// on that plan. Nothing is stored.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "preview_compensation_plan", responses(
    (status = 200, description = "The month under the draft", body = PlanPreview),
))]
#[post("/compensation-plans/preview")]
pub async fn preview_compensation_plan(
    ctx: FinanceCtx,
    body: Json<PlanPreviewRequest>,
) -> ApiResult<HttpResponse> {
    let preview = ctx.read(move |c, _| preview::preview(c, &body.0)).await?;
    Ok(crate::middleware::idempotency::computed(&preview))
}
