use actix_web::get;
use closebook_shared::pipelines::Pipeline;

use crate::authz::PipelineReaderCtx;
use crate::domain;
use crate::error::ApiError;
use crate::openapi::TAG_PIPELINES;
use crate::params::Id;
use crate::reply::Answer;

/// Get a pipeline with its stages
#[utoipa::path(tag = TAG_PIPELINES, operation_id = "get_pipeline", params(Id<Pipeline>), responses(
    (status = 200, description = "The pipeline; `ETag` carries its version", body = Pipeline),
))]
#[get("/pipelines/{id}")]
pub async fn get_pipeline(ctx: PipelineReaderCtx, id: Id<Pipeline>) -> Answer<Pipeline> {
    ctx.get(move |c, _| {
        domain::pipelines::load(c, &id.uuid().to_string())?
            .ok_or_else(|| ApiError::not_found("pipeline"))
    })
    .await
}
