use actix_web::get;
use closebook_shared::Page;
use closebook_shared::activities::{ListQuery, Touch};
use closebook_shared::leads::Lead;

use crate::authz::PipelineCtx;
use crate::db::activities;
use crate::domain;
use crate::extract::Query;
use crate::openapi::TAG_LEADS;
use crate::params::Id;
use crate::reply::Answer;

/// A lead's relationship touches
///
/// Non-sales touches (check-ins, congratulations, thank-yous…), newest first.
#[utoipa::path(tag = TAG_LEADS, operation_id = "list_lead_touches", params(Id<Lead>, ListQuery), responses(
    (status = 200, description = "A page, newest first", body = Page<Touch>),
))]
#[get("/leads/{id}/touches")]
pub async fn list_lead_touches(
    ctx: PipelineCtx,
    id: Id<Lead>,
    q: Query<ListQuery>,
) -> Answer<Page<Touch>> {
    ctx.list(q.0, move |c, caller, _, page| {
        let lead = domain::leads::load_visible(c, &caller.scope, id.uuid())?;
        activities::touches(c, &lead.id, page)
    })
    .await
}
