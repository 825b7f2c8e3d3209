use actix_web::http::StatusCode;
use actix_web::{post, web};
use closebook_shared::Problem;
use closebook_shared::activities::{CreateNoteRequest, Note};

use crate::context::Ctx;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::openapi::TAG_LEADS;
use crate::reply::Reply;
use crate::routes::parse_id;
use crate::{authz, domain};

/// Add a private note to a lead
///
/// Visible only to its author and admins.
#[utoipa::path(tag = TAG_LEADS, operation_id = "create_lead_note", security(("bearer" = [])), params(
    ("id" = uuid::Uuid, Path, description = "Lead id"),
    ("Idempotency-Key" = Option<String>, Header, description = "Retry-safe key; the same key and body replay the first response"),
), responses(
    (status = 201, description = "Created", body = Note),
    (status = 403, description = "Not allowed (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such lead, or not visible to the caller (`not_found`)", body = Problem, content_type = "application/problem+json"),
))]
#[post("/leads/{id}/notes")]
pub async fn create_lead_note(
    ctx: Ctx,
    id: web::Path<String>,
    body: Json<CreateNoteRequest>,
) -> ApiResult<Reply<Note>> {
    authz::require_pipeline_role(&ctx.principal)?;
    let id = parse_id(&id, "lead")?;
    let (req, actor, principal) = (body.0, ctx.actor(), ctx.principal);
    ctx.commit(move |c| {
        let scope = authz::lead_scope(c, &principal)?;
        let created = domain::activities::add_note(c, &actor, &scope, id, req)?;
        Ok(Reply::with(StatusCode::CREATED, created))
    })
    .await
}
