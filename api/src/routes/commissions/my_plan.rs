use actix_web::get;
use closebook_shared::compensation_plans::PlanInForce;

use crate::authz::CommissionCtx;
use crate::domain::commissions::plans;
use crate::openapi::TAG_COMMISSIONS;
use crate::reply::{Answer, Reply};

/// The caller's plan today
///
/// The plan version in force for the caller (its own assignment, else its role's default plan,
/// else the built-in defaults) with its quota: what the commission tab explains and the what-if
/// simulator computes with.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "get_my_plan", responses(
    (status = 200, description = "The plan in force", body = PlanInForce),
))]
#[get("/commissions/my-plan")]
pub async fn get_my_plan(ctx: CommissionCtx) -> Answer<PlanInForce> {
    ctx.read(move |c, caller| plans::mine(c, &caller.principal))
        .await
        .map(Reply::ok)
}
