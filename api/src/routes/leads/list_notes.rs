use actix_web::get;
use closebook_shared::Page;
use closebook_shared::activities::{ListQuery, Note};
use closebook_shared::leads::Lead;

use crate::authz;
use crate::authz::PipelineCtx;
use crate::db::activities;
use crate::domain;
use crate::extract::Query;
use crate::openapi::TAG_LEADS;
use crate::params::Id;
use crate::reply::Answer;

/// A lead's private notes
///
/// Notes are private: each user sees the notes it wrote; admins see all.
#[utoipa::path(tag = TAG_LEADS, operation_id = "list_lead_notes", params(Id<Lead>, ListQuery), responses(
    (status = 200, description = "A page, newest first", body = Page<Note>),
))]
#[get("/leads/{id}/notes")]
pub async fn list_lead_notes(
    ctx: PipelineCtx,
    id: Id<Lead>,
    q: Query<ListQuery>,
) -> Answer<Page<Note>> {
    ctx.list(q.0, move |c, caller, _, page| {
        let lead = domain::leads::load_visible(c, &caller.scope, id.uuid())?;
        let author = authz::notes_visible_to(&caller.principal);
        activities::notes(c, &lead.id, author.as_deref(), page)
    })
    .await
}
