use actix_web::{HttpResponse, get, web};
use closebook_shared::activities::{ListQuery, Note};
use closebook_shared::{Page, Problem};

use crate::context::Ctx;
use crate::db::activities;
use crate::error::ApiResult;
use crate::extract::Query;
use crate::openapi::TAG_LEADS;
use crate::pagination::PageRequest;
use crate::routes::parse_id;
use crate::{authz, domain};

/// A lead's private notes
///
/// Notes are private: each user sees the notes it wrote; admins see all.
#[utoipa::path(tag = TAG_LEADS, operation_id = "list_lead_notes", params(("id" = uuid::Uuid, Path, description = "Lead id"), ListQuery), security(("bearer" = [])), responses(
    (status = 200, description = "A page, newest first", body = Page<Note>),
    (status = 403, description = "Not allowed (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such lead, or not visible to the caller (`not_found`)", body = Problem, content_type = "application/problem+json"),
))]
#[get("/leads/{id}/notes")]
pub async fn list_lead_notes(
    ctx: Ctx,
    id: web::Path<String>,
    q: Query<ListQuery>,
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
            let author = (!principal.is_admin()).then(|| principal.id.to_string());
            activities::notes(c, &lead.id, author.as_deref(), &page)
        })
        .await?;
    Ok(super::super::ok(&result))
}
