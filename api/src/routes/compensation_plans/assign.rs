use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::compensation_plans::{AssignPlanRequest, PlanAssignment};
use closebook_shared::users::User;

use crate::authz::FinanceCtx;
use crate::domain::commissions::plan_edits;
use crate::extract::Json;
use crate::openapi::TAG_COMMISSIONS;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// Put a user on a plan
///
/// Finance and admins. From `effective_from` (one assignment per user and date), with the
/// monthly revenue quota in the plan's currency.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "assign_plan", params(Id<User>), responses(
    (status = 201, description = "Assigned", body = PlanAssignment),
    (status = 409, description = "No such plan, a quota in another currency (`invalid_reference`), or an assignment from that date already (`conflict`)", body = Problem),
))]
#[post("/users/{id}/plan-assignments")]
pub async fn assign_plan(
    ctx: FinanceCtx,
    id: Id<User>,
    body: Json<AssignPlanRequest>,
) -> Answer<PlanAssignment> {
    ctx.commit(move |c, caller| {
        let a = plan_edits::assign(c, &caller.actor, id.uuid(), body.0)?;
        Ok(Reply::created(
            format!("/api/v1/users/{}/plan-assignments", a.user_id),
            a,
        ))
    })
    .await
}
