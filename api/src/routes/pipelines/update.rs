use actix_web::patch;
use closebook_shared::Problem;
use closebook_shared::pipelines::{Pipeline, UpdatePipelineRequest};

use crate::authz::AdminCtx;
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_PIPELINES;
use crate::params::{Id, IfMatch};
use crate::reply::Answer;

/// Rename a pipeline, make it the default, or rename, reorder, add and delete its stages
///
/// Admin only. `stages` is the complete new list; a stage with leads in it can neither be
/// deleted nor change kind (409). The default pipeline stays the default until another is made
/// the default (409).
#[utoipa::path(tag = TAG_PIPELINES, operation_id = "update_pipeline", params(
    Id<Pipeline>,
    IfMatch,
), responses(
    (status = 200, description = "The updated pipeline", body = Pipeline),
    (status = 409, description = "Name in use, a stage with leads left out, or the default pipeline unset instead of another made the default (`conflict`)", body = Problem),
))]
#[patch("/pipelines/{id}")]
pub async fn update_pipeline(
    ctx: AdminCtx,
    id: Id<Pipeline>,
    body: Json<UpdatePipelineRequest>,
) -> Answer<Pipeline> {
    ctx.edit(body.version, move |c, caller, expected| {
        let id = id.uuid().to_string();
        domain::pipelines::update(c, &caller.actor, &id, body.0, expected)
    })
    .await
}
