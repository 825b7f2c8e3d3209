use actix_web::get;
use closebook_shared::Page;
use closebook_shared::activities::ListQuery;
use closebook_shared::leads::Lead;
use closebook_shared::leads::LeadHistoryEntry;

use crate::authz::PipelineCtx;
use crate::db::history;
use crate::domain;
use crate::extract::Query;
use crate::openapi::TAG_LEADS;
use crate::params::Id;
use crate::reply::Answer;

/// A lead's stage, owner and outcome history
///
/// Oldest first, with who made each change and when.
#[utoipa::path(tag = TAG_LEADS, operation_id = "list_lead_history", params(Id<Lead>, ListQuery), responses(
    (status = 200, description = "A page of history entries, oldest first", body = Page<LeadHistoryEntry>),
))]
#[get("/leads/{id}/history")]
pub async fn list_lead_history(
    ctx: PipelineCtx,
    id: Id<Lead>,
    q: Query<ListQuery>,
) -> Answer<Page<LeadHistoryEntry>> {
    ctx.list(q.0, move |c, caller, _, page| {
        let lead = domain::leads::load_visible(c, &caller.scope, id.uuid())?;
        history::list(c, &lead.id, &lead.pipeline_id, page)
    })
    .await
}
