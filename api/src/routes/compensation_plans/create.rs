use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::compensation_plans::{CompensationPlan, CreatePlanRequest};

use crate::authz::FinanceCtx;
use crate::domain::commissions::plan_edits;
use crate::extract::Json;
use crate::openapi::TAG_COMMISSIONS;
use crate::reply::Answer;

/// Create a compensation plan
///
/// Finance and admins. The plan starts with version 1 of its rules, in force from
/// `effective_from`. `default_for_role` makes it the plan of everyone of that role who has no
/// assignment of their own.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "create_compensation_plan", responses(
    (status = 201, description = "Created", body = CompensationPlan),
    (status = 409, description = "Name in use, or the role has a default plan already (`conflict`)", body = Problem),
))]
#[post("/compensation-plans")]
pub async fn create_compensation_plan(
    ctx: FinanceCtx,
    body: Json<CreatePlanRequest>,
) -> Answer<CompensationPlan> {
    ctx.create("/compensation-plans", move |c, caller| {
        plan_edits::create(c, &caller.actor, body.0)
    })
    .await
}
