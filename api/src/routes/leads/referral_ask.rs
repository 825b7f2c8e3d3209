use actix_web::{post, web};
use closebook_shared::Problem;
use closebook_shared::leads::{Lead, ReferralAskRequest};

use crate::context::Ctx;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::openapi::TAG_LEADS;
use crate::reply::Reply;
use crate::routes::parse_id;
use crate::{authz, domain};

/// Record a referral ask
///
/// `asked` stamps the time of the first ask; `received` needs a count or names. Nothing is sent to anyone.
#[utoipa::path(tag = TAG_LEADS, operation_id = "record_referral_ask", security(("bearer" = [])), params(
    ("id" = uuid::Uuid, Path, description = "Lead id"),
), responses(
    (status = 200, description = "The updated lead", body = Lead),
    (status = 403, description = "Not allowed (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such lead, or not visible to the caller (`not_found`)", body = Problem, content_type = "application/problem+json"),
))]
#[post("/leads/{id}/referral-ask")]
pub async fn record_referral_ask(
    ctx: Ctx,
    id: web::Path<String>,
    body: Json<ReferralAskRequest>,
) -> ApiResult<Reply<Lead>> {
    authz::require_pipeline_role(&ctx.principal)?;
    let id = parse_id(&id, "lead")?;
    let req = body.0;

    let (actor, principal) = (ctx.actor(), ctx.principal);
    ctx.commit(move |c| {
        let scope = authz::lead_scope(c, &principal)?;
        let lead = domain::leads::referral_ask(c, &actor, &scope, id, req)?;
        let version = lead.version;
        Ok(Reply::ok_versioned(lead, version))
    })
    .await
}
