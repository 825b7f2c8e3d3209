use actix_web::get;
use closebook_shared::activities::Note;

use crate::authz::PipelineCtx;
use crate::domain;
use crate::openapi::TAG_LEADS;
use crate::params::Id;
use crate::reply::Answer;

/// One note
///
/// Notes are private: seen by their author (on a lead it works) and by admins; to anyone else
/// the note does not exist. The `Location` of a new note.
#[utoipa::path(tag = TAG_LEADS, operation_id = "get_note", params(Id<Note>), responses(
    (status = 200, description = "The note", body = Note),
))]
#[get("/notes/{id}")]
pub async fn get_note(ctx: PipelineCtx, id: Id<Note>) -> Answer<Note> {
    ctx.show(move |c, caller| domain::activities::get_note(c, caller, id.uuid()))
        .await
}
