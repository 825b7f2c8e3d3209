use actix_web::{HttpResponse, get, web};
use closebook_shared::activities::{Activity, LeadActivityQuery};
use closebook_shared::{Page, Problem};

use crate::context::Ctx;
use crate::db::activities;
use crate::error::ApiResult;
use crate::extract::Query;
use crate::openapi::TAG_LEADS;
use crate::pagination::PageRequest;
use crate::routes::parse_id;
use crate::{authz, domain};

/// A lead's activity timeline
///
/// Newest first; `kind=call,email` narrows it.
#[utoipa::path(tag = TAG_LEADS, operation_id = "list_lead_activities", params(("id" = uuid::Uuid, Path, description = "Lead id"), LeadActivityQuery), security(("bearer" = [])), responses(
    (status = 200, description = "A page, newest first", body = Page<Activity>),
    (status = 403, description = "Not allowed (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such lead, or not visible to the caller (`not_found`)", body = Problem, content_type = "application/problem+json"),
))]
#[get("/leads/{id}/activities")]
pub async fn list_lead_activities(
    ctx: Ctx,
    id: web::Path<String>,
    q: Query<LeadActivityQuery>,
) -> ApiResult<HttpResponse> {
    authz::require_pipeline_role(&ctx.principal)?;
    let id = parse_id(&id, "lead")?;
    let page = PageRequest::parse(q.limit, q.cursor.as_deref())?;
    let principal = ctx.principal;
    let result = ctx
        .db()
        .read(move |c| {
            let scope = authz::lead_scope(c, &principal)?;
            let lead = domain::leads::load_for(c, &scope, id)?;
            let kinds = q.kind.as_deref().map(super::parse_kinds).transpose()?;
            let rows = activities::for_lead(c, &lead.id, kinds.as_deref(), &page)?;
            activities::page_of(c, &page, rows)
        })
        .await?;
    Ok(super::super::ok(&result))
}
