use actix_web::get;
use closebook_shared::pipelines::Pipeline;

use crate::context::Ctx;
use crate::error::{ApiError, ApiResult};
use crate::openapi::TAG_PIPELINES;
use crate::params::Id;
use crate::reply::Reply;
use crate::{authz, domain};

/// Get a pipeline with its stages
#[utoipa::path(tag = TAG_PIPELINES, operation_id = "get_pipeline", params(Id<Pipeline>), security(("bearer" = [])), responses(
    (status = 200, description = "The pipeline; `ETag` carries its version", body = Pipeline),
))]
#[get("/pipelines/{id}")]
pub async fn get_pipeline(ctx: Ctx, id: Id<Pipeline>) -> ApiResult<Reply<Pipeline>> {
    authz::require_pipeline_reader(&ctx.principal)?;
    let id = id.uuid().to_string();
    let p = ctx
        .db()
        .read(move |c| domain::pipelines::load(c, &id))
        .await?
        .ok_or_else(|| ApiError::not_found("pipeline"))?;
    Ok(Reply::ok_versioned_by(p, |r| r.version))
}
