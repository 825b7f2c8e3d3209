use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::pipelines::{CreatePipelineRequest, Pipeline};

use crate::authz::AdminCtx;
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_PIPELINES;
use crate::reply::Answer;

/// Create a pipeline
///
/// Admin only. Stages in order: at least one `open`, exactly one `won` and one `lost`.
#[utoipa::path(tag = TAG_PIPELINES, operation_id = "create_pipeline", responses(
    (status = 201, description = "Created; `Location` names it", body = Pipeline),
    (status = 409, description = "Name already in use (`conflict`)", body = Problem),
))]
#[post("/pipelines")]
pub async fn create_pipeline(ctx: AdminCtx, body: Json<CreatePipelineRequest>) -> Answer<Pipeline> {
    ctx.create("/pipelines", move |c, caller| {
        domain::pipelines::create(c, &caller.actor, body.0)
    })
    .await
}
