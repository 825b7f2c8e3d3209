use actix_web::post;
use closebook_shared::activities::{CreateTouchRequest, Touch};
use closebook_shared::leads::Lead;

use crate::authz::PipelineCtx;
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_LEADS;
use crate::params::Id;
use crate::reply::Answer;

/// Log a relationship touch
///
/// Check-in, congratulation, shared article, personal note, thank-you, holiday greeting or invite.
#[utoipa::path(tag = TAG_LEADS, operation_id = "create_lead_touch", params(Id<Lead>), responses(
    (status = 201, description = "Created; `Location` names it", body = Touch),
))]
#[post("/leads/{id}/touches")]
pub async fn create_lead_touch(
    ctx: PipelineCtx,
    id: Id<Lead>,
    body: Json<CreateTouchRequest>,
) -> Answer<Touch> {
    ctx.create("/touches", move |c, caller| {
        domain::activities::add_touch(c, caller, id.uuid(), body.0)
    })
    .await
}
