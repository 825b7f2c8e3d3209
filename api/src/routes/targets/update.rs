use actix_web::put;
use closebook_shared::Problem;
use closebook_shared::targets::{Target, UpdateTargetRequest};

use crate::authz::InsightCtx;
use crate::domain::targets;
use crate::extract::Json;
use crate::openapi::TAG_TARGETS;
use crate::params::{Id, IfMatch};
use crate::reply::Answer;

/// Change or cancel a target
///
/// Its value, or `cancelled`. A target whose period has ended stays as it was (409). Send the
/// `version` you edited (or `If-Match`) to be told, with 412, when someone changed it first.
#[utoipa::path(tag = TAG_TARGETS, operation_id = "update_target", params(Id<Target>, IfMatch), responses(
    (status = 200, description = "The changed target", body = Target),
    (status = 409, description = "The period has ended, the value disagrees with the rep's quota, or another live target holds the subject (`conflict`)", body = Problem),
    (status = 412, description = "The target changed since that version (`version_mismatch`)", body = Problem),
))]
#[put("/targets/{id}")]
pub async fn update_target(
    ctx: InsightCtx,
    id: Id<Target>,
    body: Json<UpdateTargetRequest>,
) -> Answer<Target> {
    ctx.edit(body.version, move |c, caller, expected| {
        targets::update(c, caller, id.uuid(), body.0, expected)
    })
    .await
}
