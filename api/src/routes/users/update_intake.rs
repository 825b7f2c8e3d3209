use actix_web::patch;
use closebook_shared::allocation::{RepIntake, UpdateRepIntakeRequest};
use closebook_shared::users::User;

use crate::authz::PipelineCtx;
use crate::domain::allocations;
use crate::extract::Json;
use crate::openapi::TAG_ALLOCATIONS;
use crate::params::{Id, IfMatch};
use crate::reply::Answer;

/// Update a rep's intake
///
/// A rep marks itself available or offline and pauses or resumes its intake; its manager (or
/// an admin) also sets leave, capacity (`null`: the organisation's maximum) and skills.
#[utoipa::path(tag = TAG_ALLOCATIONS, operation_id = "update_rep_intake", params(Id<User>, IfMatch), responses(
    (status = 200, description = "The updated intake", body = RepIntake),
))]
#[patch("/users/{id}/intake")]
pub async fn update_rep_intake(
    ctx: PipelineCtx,
    id: Id<User>,
    body: Json<UpdateRepIntakeRequest>,
) -> Answer<RepIntake> {
    ctx.edit(body.version, move |c, caller, expected| {
        allocations::update_intake(c, caller, id.uuid(), body.0, expected)
    })
    .await
}
