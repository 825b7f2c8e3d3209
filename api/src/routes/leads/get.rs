use actix_web::{HttpResponse, get, web};
use closebook_shared::Problem;
use closebook_shared::leads::Lead;

use crate::context::Ctx;
use crate::db::leads;
use crate::error::ApiResult;
use crate::openapi::TAG_LEADS;
use crate::routes::{ok_versioned, parse_id};
use crate::{authz, domain};

/// Get a lead
#[utoipa::path(tag = TAG_LEADS, operation_id = "get_lead", params(("id" = uuid::Uuid, Path, description = "Lead id"),), security(("bearer" = [])), responses(
    (status = 200, description = "The lead; `ETag` carries its version", body = Lead),
    (status = 403, description = "Not allowed (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such lead, or not visible to the caller (`not_found`)", body = Problem, content_type = "application/problem+json"),
))]
#[get("/leads/{id}")]
pub async fn get_lead(ctx: Ctx, id: web::Path<String>) -> ApiResult<HttpResponse> {
    authz::require_pipeline_role(&ctx.principal)?;
    let id = parse_id(&id, "lead")?;
    let principal = ctx.principal;
    let lead = ctx
        .db()
        .read(move |c| {
            let scope = authz::lead_scope(c, &principal)?;
            let row = domain::leads::load_for(c, &scope, id)?;
            leads::to_dto(c, &row)
        })
        .await?;
    Ok(ok_versioned(&lead, lead.version))
}
