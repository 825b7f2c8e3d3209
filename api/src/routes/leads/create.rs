use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::leads::{CreateLeadParams, CreateLeadRequest, Lead};

use crate::context::Ctx;
use crate::error::ApiResult;
use crate::extract::{Json, Query};
use crate::openapi::TAG_LEADS;
use crate::reply::Reply;
use crate::{authz, domain};

/// Create a lead
///
/// The owner defaults to the caller. An open lead with the same email, phone, or company and
/// address is a duplicate (409 naming it) unless `allow_duplicate=true`. When the organisation
/// forbids cold outreach, a cold source is refused (409, naming the fields).
#[utoipa::path(tag = TAG_LEADS, operation_id = "create_lead", security(("bearer" = [])), params(
    CreateLeadParams,
    ("Idempotency-Key" = Option<String>, Header, description = "Retry-safe key; the same key and body replay the first response"),
), responses(
    (status = 201, description = "Created; `Location` names it", body = Lead),
    (status = 403, description = "Not allowed (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "A duplicate of an open lead (`conflict`)", body = Problem, content_type = "application/problem+json"),
))]
#[post("/leads")]
pub async fn create_lead(
    ctx: Ctx,
    params: Query<CreateLeadParams>,
    body: Json<CreateLeadRequest>,
) -> ApiResult<Reply<Lead>> {
    authz::require_pipeline_role(&ctx.principal)?;
    let (req, actor, principal) = (body.0, ctx.actor(), ctx.principal);
    let allow = params.allow_duplicate.unwrap_or(false);
    ctx.commit(move |c| {
        let scope = authz::lead_scope(c, &principal)?;
        let lead = domain::leads::create(c, &actor, &principal, &scope, req, allow)?;
        Ok(Reply::created(format!("/api/v1/leads/{}", lead.id), lead))
    })
    .await
}
