use actix_web::{HttpResponse, patch, web};
use closebook_shared::Problem;
use closebook_shared::leads::{ChangeStageRequest, Lead};

use crate::context::Ctx;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::openapi::TAG_LEADS;
use crate::routes::{ok_versioned, parse_id};
use crate::{authz, concurrency, domain};

/// Move a lead to another open stage
///
/// Records the move in the lead's history (actor, time, note), takes the stage's default probability, and emits `sales.pipeline.stage_changed`. Closing stages go through `POST /leads/{id}/outcome`.
#[utoipa::path(tag = TAG_LEADS, operation_id = "change_lead_stage", security(("bearer" = [])), params(
    ("id" = uuid::Uuid, Path, description = "Lead id"),
    ("If-Match" = Option<String>, Header, description = "ETag of the version being edited, e.g. \"3\""),
), responses(
    (status = 200, description = "The updated lead", body = Lead),
    (status = 403, description = "Not allowed (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such lead, or not visible to the caller (`not_found`)", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "The lead is closed (`conflict`)", body = Problem, content_type = "application/problem+json"),
    (status = 412, description = "Changed since that version (`version_mismatch`)", body = Problem, content_type = "application/problem+json"),
))]
#[patch("/leads/{id}/stage")]
pub async fn change_lead_stage(
    ctx: Ctx,
    id: web::Path<String>,
    body: Json<ChangeStageRequest>,
) -> ApiResult<HttpResponse> {
    authz::require_pipeline_role(&ctx.principal)?;
    let id = parse_id(&id, "lead")?;
    let req = body.0;
    let expected = concurrency::expected_version(&ctx.req, req.version)?;
    let (actor, principal) = (ctx.actor(), ctx.principal);
    let lead = ctx
        .db()
        .write(move |c| {
            let scope = authz::lead_scope(c, &principal)?;
            domain::leads::change_stage(c, &actor, &scope, id, req, expected)
        })
        .await?;
    Ok(ok_versioned(&lead, lead.version))
}
