use actix_web::patch;
use closebook_shared::Problem;
use closebook_shared::pipelines::{Pipeline, UpdatePipelineRequest};

use crate::authz::AdminCtx;
use crate::domain;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::openapi::TAG_PIPELINES;
use crate::params::{Id, IfMatch};
use crate::reply::Reply;

/// Rename a pipeline, make it the default, or rename, reorder, add and delete its stages
///
/// Admin only. `stages` is the complete new list; a stage with leads in it cannot be deleted
/// (409) nor change kind (422).
#[utoipa::path(tag = TAG_PIPELINES, operation_id = "update_pipeline", security(("bearer" = [])), params(
    Id<Pipeline>,
    IfMatch,
), responses(
    (status = 200, description = "The updated pipeline", body = Pipeline),
    (status = 409, description = "Name in use, or a stage with leads left out (`conflict`)", body = Problem, content_type = "application/problem+json"),
))]
#[patch("/pipelines/{id}")]
pub async fn update_pipeline(
    ctx: AdminCtx,
    id: Id<Pipeline>,
    body: Json<UpdatePipelineRequest>,
) -> ApiResult<Reply<Pipeline>> {
    ctx.edit(body.version, move |c, caller, expected| {
        let id = id.uuid().to_string();
        domain::pipelines::update(c, &caller.actor, &id, body.0, expected)
    })
    .await
}
