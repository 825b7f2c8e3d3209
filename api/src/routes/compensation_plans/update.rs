use actix_web::patch;
use closebook_shared::Problem;
use closebook_shared::compensation_plans::{CompensationPlan, UpdatePlanRequest};

use crate::authz::FinanceCtx;
use crate::domain::commissions::plan_edits;
use crate::extract::Json;
use crate::openapi::TAG_COMMISSIONS;
use crate::params::{Id, IfMatch};
use crate::reply::Answer;

/// Update a compensation plan
///
/// Finance and admins. Rename it, change whose default it is, or add a version of its rules
/// (`new_version`, in force from a date after the latest version's). Written versions never
/// change: each commission line names the version it was computed under.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "update_compensation_plan", params(
    Id<CompensationPlan>,
    IfMatch,
), responses(
    (status = 200, description = "The updated plan", body = CompensationPlan),
    (status = 409, description = "Name in use, the role has another default, or the new version is not after the latest (`conflict`)", body = Problem),
    (status = 412, description = "The plan changed since that version (`version_mismatch`)", body = Problem),
))]
#[patch("/compensation-plans/{id}")]
pub async fn update_compensation_plan(
    ctx: FinanceCtx,
    id: Id<CompensationPlan>,
    body: Json<UpdatePlanRequest>,
) -> Answer<CompensationPlan> {
    ctx.edit(body.version, move |c, caller, expected| {
        plan_edits::update(c, &caller.actor, id.uuid(), body.0, expected)
    })
    .await
}
