use actix_web::get;
use closebook_shared::compensation_plans::PlanAssignment;
use closebook_shared::users::User;

use crate::authz::FinanceCtx;
use crate::db::commissions::plans;
use crate::db::users;
use crate::error::ApiError;
use crate::openapi::TAG_COMMISSIONS;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// A user's plan assignments
///
/// Finance and admins. Newest first; the one in force on a date is the latest that started by
/// then.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "list_plan_assignments", params(Id<User>), responses(
    (status = 200, description = "The user's assignments", body = Vec<PlanAssignment>),
))]
#[get("/users/{id}/plan-assignments")]
pub async fn list_plan_assignments(ctx: FinanceCtx, id: Id<User>) -> Answer<Vec<PlanAssignment>> {
    ctx.read(move |c, _| {
        users::find(c, id.uuid())?.ok_or_else(|| ApiError::not_found("user"))?;
        plans::assignments_of(c, &id.uuid().to_string())
    })
    .await
    .map(Reply::ok)
}
