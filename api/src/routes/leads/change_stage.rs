use actix_web::patch;
use closebook_shared::Problem;
use closebook_shared::leads::{ChangeStageRequest, Lead};

use crate::authz::PipelineCtx;
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_LEADS;
use crate::params::{Id, IfMatch};
use crate::reply::Answer;

/// Move a lead to another open stage
///
/// Records the move in the lead's history (actor, time, note), takes the stage's default probability, and emits `sales.pipeline.stage_changed`. Closing stages go through `POST /leads/{id}/outcome`.
#[utoipa::path(tag = TAG_LEADS, operation_id = "change_lead_stage", params(Id<Lead>, IfMatch), responses(
    (status = 200, description = "The updated lead", body = Lead),
    (status = 409, description = "The lead is closed (`conflict`)", body = Problem),
))]
#[patch("/leads/{id}/stage")]
pub async fn change_lead_stage(
    ctx: PipelineCtx,
    id: Id<Lead>,
    body: Json<ChangeStageRequest>,
) -> Answer<Lead> {
    ctx.edit(body.version, move |c, caller, expected| {
        domain::leads::change_stage(c, caller, id.uuid(), body.0, expected)
    })
    .await
}
