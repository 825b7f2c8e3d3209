use actix_web::{post, web};
use closebook_shared::Problem;
use closebook_shared::leads::{Lead, SetOutcomeBody, SetOutcomeRequest};

use crate::context::Ctx;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::openapi::TAG_LEADS;
use crate::reply::Reply;
use crate::routes::parse_id;
use crate::{authz, concurrency, domain};

/// Close a lead as won or lost
///
/// Lost needs a `lost_reason`. Won opens a client account (see `/clients`). Emits `sales.pipeline.closed`.
#[utoipa::path(tag = TAG_LEADS, operation_id = "set_lead_outcome", security(("bearer" = [])), request_body = SetOutcomeBody, params(
    ("id" = uuid::Uuid, Path, description = "Lead id"),
    ("If-Match" = Option<String>, Header, description = "ETag of the version being edited, e.g. \"3\""),
), responses(
    (status = 200, description = "The updated lead", body = Lead),
    (status = 403, description = "Not allowed (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such lead, or not visible to the caller (`not_found`)", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "The lead is already closed (`conflict`)", body = Problem, content_type = "application/problem+json"),
    (status = 412, description = "Changed since that version (`version_mismatch`)", body = Problem, content_type = "application/problem+json"),
))]
#[post("/leads/{id}/outcome")]
pub async fn set_lead_outcome(
    ctx: Ctx,
    id: web::Path<String>,
    body: Json<SetOutcomeRequest>,
) -> ApiResult<Reply<Lead>> {
    authz::require_pipeline_role(&ctx.principal)?;
    let id = parse_id(&id, "lead")?;
    let req = body.0;
    let expected = concurrency::expected_version(&ctx.req, req.version);
    let (actor, principal) = (ctx.actor(), ctx.principal);
    ctx.commit(move |c| {
        let scope = authz::lead_scope(c, &principal)?;
        let lead = domain::leads::set_outcome(
            c,
            &actor,
            &scope,
            id,
            req.outcome,
            req.lost_reason,
            expected,
        )?;
        let version = lead.version;
        Ok(Reply::ok_versioned(lead, version))
    })
    .await
}
