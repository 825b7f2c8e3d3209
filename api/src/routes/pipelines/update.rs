use actix_web::patch;
use closebook_shared::Problem;
use closebook_shared::pipelines::{Pipeline, UpdatePipelineRequest};

use crate::context::Ctx;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::openapi::TAG_PIPELINES;
use crate::params::{Id, IfMatch};
use crate::reply::Reply;
use crate::{authz, concurrency, domain};

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
    ctx: Ctx,
    id: Id<Pipeline>,
    body: Json<UpdatePipelineRequest>,
) -> ApiResult<Reply<Pipeline>> {
    authz::require_admin(&ctx.principal)?;
    let id = id.uuid().to_string();
    let p = body.0;
    let expected = concurrency::expected_version(&ctx.req, p.version)?;
    let actor = ctx.actor();
    let pipeline = ctx
        .db()
        .write(move |c| domain::pipelines::update(c, &actor, &id, p, expected))
        .await?;
    Ok(Reply::ok_versioned_by(pipeline, |r| r.version))
}
