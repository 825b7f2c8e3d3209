use actix_web::get;
use closebook_shared::Page;
use closebook_shared::activities::{Activity, LeadActivityQuery};
use closebook_shared::leads::Lead;

use crate::authz::PipelineCtx;
use crate::db::activities;
use crate::domain;
use crate::extract::Query;
use crate::openapi::TAG_LEADS;
use crate::params::Id;
use crate::reply::Answer;

/// A lead's activity timeline
///
/// Newest first; `kind=call,email` narrows it.
#[utoipa::path(tag = TAG_LEADS, operation_id = "list_lead_activities", params(Id<Lead>, LeadActivityQuery), responses(
    (status = 200, description = "A page, newest first", body = Page<Activity>),
))]
#[get("/leads/{id}/activities")]
pub async fn list_lead_activities(
    ctx: PipelineCtx,
    id: Id<Lead>,
    q: Query<LeadActivityQuery>,
) -> Answer<Page<Activity>> {
    ctx.list(q.0, move |c, caller, q, page| {
        let lead = domain::leads::load_visible(c, &caller.scope, id.uuid())?;
        let kinds = q.kind.as_deref().map(super::parse_kinds).transpose()?;
        let rows = activities::for_lead(c, &lead.id, kinds.as_deref(), page)?;
        activities::page_of(c, page, rows)
    })
    .await
}
