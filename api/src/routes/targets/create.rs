use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::targets::{CreateTargetRequest, Target};

use crate::authz::InsightCtx;
use crate::domain::targets;
use crate::extract::Json;
use crate::openapi::TAG_TARGETS;
use crate::reply::Answer;

/// Set a target
///
/// Managers set targets for their people (not themselves), the teams they run and those teams'
/// cities; admins for anyone. The period is the one holding `period_of` (default today) in the
/// organisation's calendar. A rep's monthly revenue target is its plan's monthly quota: leave
/// `target_value` out to take it.
#[utoipa::path(tag = TAG_TARGETS, operation_id = "create_target", responses(
    (status = 201, description = "Created; `Location` names it", body = Target),
    (status = 409, description = "A live target already holds this subject, period and metric, or the value disagrees with the rep's quota (`conflict`); the assignee is not one whose targets you set (`invalid_reference`)", body = Problem),
))]
#[post("/targets")]
pub async fn create_target(ctx: InsightCtx, body: Json<CreateTargetRequest>) -> Answer<Target> {
    ctx.create("/targets", move |c, caller| {
        targets::create(c, caller, body.0)
    })
    .await
}
