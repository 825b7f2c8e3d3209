use actix_web::{HttpResponse, get, web};
use closebook_shared::Problem;
use closebook_shared::pipelines::Pipeline;

use crate::context::Ctx;
use crate::error::{ApiError, ApiResult};
use crate::openapi::TAG_PIPELINES;
use crate::routes::{ok_versioned, parse_id};
use crate::{authz, domain};

/// Get a pipeline with its stages
#[utoipa::path(tag = TAG_PIPELINES, operation_id = "get_pipeline", params(("id" = uuid::Uuid, Path, description = "Pipeline id")), security(("bearer" = [])), responses(
    (status = 200, description = "The pipeline; `ETag` carries its version", body = Pipeline),
    (status = 403, description = "Not allowed (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such pipeline, or not visible to the caller (`not_found`)", body = Problem, content_type = "application/problem+json"),
))]
#[get("/pipelines/{id}")]
pub async fn get_pipeline(ctx: Ctx, id: web::Path<String>) -> ApiResult<HttpResponse> {
    authz::require_pipeline_reader(&ctx.principal)?;
    let id = parse_id(&id, "pipeline")?.to_string();
    let p = ctx
        .db()
        .read(move |c| domain::pipelines::load(c, &id))
        .await?
        .ok_or_else(|| ApiError::not_found("pipeline"))?;
    Ok(ok_versioned(&p, p.version))
}
