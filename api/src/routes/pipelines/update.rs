use actix_web::{HttpResponse, patch, web};
use closebook_shared::Problem;
use closebook_shared::pipelines::{Pipeline, UpdatePipelineRequest};

use crate::context::Ctx;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::openapi::TAG_PIPELINES;
use crate::routes::{ok_versioned, parse_id};
use crate::{authz, concurrency, domain};

/// Rename a pipeline, make it the default, or rename, reorder, add and delete its stages
///
/// Admin only. `stages` is the complete new list; a stage with leads in it cannot be deleted
/// (409) nor change kind (422).
#[utoipa::path(tag = TAG_PIPELINES, operation_id = "update_pipeline", security(("bearer" = [])), params(
    ("id" = uuid::Uuid, Path, description = "Pipeline id"),
    ("If-Match" = Option<String>, Header, description = "ETag of the version being edited, e.g. \"3\""),
), responses(
    (status = 200, description = "The updated pipeline", body = Pipeline),
    (status = 403, description = "Not allowed (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such pipeline, or not visible to the caller (`not_found`)", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "Name in use, or a stage with leads left out (`conflict`)", body = Problem, content_type = "application/problem+json"),
    (status = 412, description = "Changed since that version (`version_mismatch`)", body = Problem, content_type = "application/problem+json"),
))]
#[patch("/pipelines/{id}")]
pub async fn update_pipeline(
    ctx: Ctx,
    id: web::Path<String>,
    body: Json<UpdatePipelineRequest>,
) -> ApiResult<HttpResponse> {
    authz::require_admin(&ctx.principal)?;
    let id = parse_id(&id, "pipeline")?.to_string();
    let p = body.0;
    let expected = concurrency::expected_version(&ctx.req, p.version)?;
    let actor = ctx.actor();
    let pipeline = ctx
        .db()
        .write(move |c| domain::pipelines::update(c, &actor, &id, p, expected))
        .await?;
    Ok(ok_versioned(&pipeline, pipeline.version))
}
