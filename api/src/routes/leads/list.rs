use actix_web::{HttpResponse, get};
use closebook_shared::leads::{LeadListQuery, LeadSummary};
use closebook_shared::{Page, Problem};

use crate::context::Ctx;
use crate::db::leads;
use crate::error::ApiResult;
use crate::extract::Query;
use crate::openapi::TAG_LEADS;
use crate::pagination::PageRequest;
use crate::{authz, time};

/// List leads
///
/// Inside the caller's scope (a rep its own, a manager its teams', admin all), filtered and
/// sorted, one cursor page at a time.
#[utoipa::path(tag = TAG_LEADS, operation_id = "list_leads", params(LeadListQuery), security(("bearer" = [])), responses(
    (status = 200, description = "A page of leads", body = Page<LeadSummary>),
    (status = 403, description = "Not allowed (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[get("/leads")]
pub async fn list_leads(ctx: Ctx, q: Query<LeadListQuery>) -> ApiResult<HttpResponse> {
    authz::require_pipeline_role(&ctx.principal)?;
    let page = PageRequest::parse(q.limit, q.cursor.as_deref())?;
    let principal = ctx.principal;
    let result = ctx
        .db()
        .read(move |c| {
            let scope = authz::lead_scope(c, &principal)?;
            leads::list(c, &scope, principal.user_id(), &q.0, &page, time::now())
        })
        .await?;
    Ok(super::super::ok(&result))
}
