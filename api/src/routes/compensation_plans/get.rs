use actix_web::get;
use closebook_shared::compensation_plans::CompensationPlan;

use crate::authz::FinanceCtx;
use crate::domain::commissions::plan_edits;
use crate::openapi::TAG_COMMISSIONS;
use crate::params::Id;
use crate::reply::Answer;

/// Get a compensation plan
///
/// Finance and admins. With every version of its rules.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "get_compensation_plan", params(Id<CompensationPlan>), responses(
    (status = 200, description = "The plan; `ETag` carries its version", body = CompensationPlan),
))]
#[get("/compensation-plans/{id}")]
pub async fn get_compensation_plan(
    ctx: FinanceCtx,
    id: Id<CompensationPlan>,
) -> Answer<CompensationPlan> {
    ctx.get(move |c, _| plan_edits::get(c, id.uuid())).await
}
