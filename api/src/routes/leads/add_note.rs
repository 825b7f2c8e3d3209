use actix_web::post;
use closebook_shared::activities::{CreateNoteRequest, Note};
use closebook_shared::leads::Lead;

use crate::authz::PipelineCtx;
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_LEADS;
use crate::params::Id;
use crate::reply::Answer;

/// Add a private note to a lead
///
/// Visible only to its author and admins.
#[utoipa::path(tag = TAG_LEADS, operation_id = "create_lead_note", params(Id<Lead>), responses(
    (status = 201, description = "Created; `Location` names it", body = Note),
))]
#[post("/leads/{id}/notes")]
pub async fn create_lead_note(
    ctx: PipelineCtx,
    id: Id<Lead>,
    body: Json<CreateNoteRequest>,
) -> Answer<Note> {
    ctx.create("/notes", move |c, caller| {
        domain::activities::add_note(c, caller, id.uuid(), body.0)
    })
    .await
}
