use actix_web::get;
use closebook_shared::Page;
use closebook_shared::leads::{LeadListQuery, LeadSummary};

use crate::authz::PipelineCtx;
use crate::db::leads;
use crate::extract::Query;
use crate::openapi::TAG_LEADS;
use crate::reply::Answer;
use crate::time;

/// List leads
///
/// Inside the caller's scope (a rep its own, a manager its teams', admin all), filtered and
/// sorted, one cursor page at a time.
#[utoipa::path(tag = TAG_LEADS, operation_id = "list_leads", params(LeadListQuery), responses(
    (status = 200, description = "A page of leads", body = Page<LeadSummary>),
))]
#[get("/leads")]
pub async fn list_leads(ctx: PipelineCtx, q: Query<LeadListQuery>) -> Answer<Page<LeadSummary>> {
    ctx.list(q.0, |c, caller, q, page| {
        let me = caller.principal.user_id();
        leads::list(c, &caller.scope, me, &q, page, time::now())
    })
    .await
}
