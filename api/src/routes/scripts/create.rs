use actix_web::{HttpResponse, post};
use closebook_shared::Problem;
use closebook_shared::scripts::{CreateScriptRequest, Script};

use crate::context::Ctx;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::openapi::TAG_SCRIPTS;
use crate::routes::created;
use crate::{authz, domain};

/// Add a script or email template
///
/// Managers and admins. Merge fields are written `{{contact_name}}`; an unknown one is refused
/// (422 naming it).
#[utoipa::path(tag = TAG_SCRIPTS, operation_id = "create_script", security(("bearer" = [])), params(
    ("Idempotency-Key" = Option<String>, Header, description = "Retry-safe key; the same key and body replay the first response"),
), responses(
    (status = 201, description = "Created", body = Script),
    (status = 403, description = "Not allowed (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "Slug already in use (`conflict`)", body = Problem, content_type = "application/problem+json"),
))]
#[post("/scripts")]
pub async fn create_script(ctx: Ctx, body: Json<CreateScriptRequest>) -> ApiResult<HttpResponse> {
    authz::require_manager(&ctx.principal)?;
    let (req, actor) = (body.0, ctx.actor());
    let s = ctx
        .db()
        .write(move |c| domain::scripts::create(c, &actor, req))
        .await?;
    Ok(created(format!("/api/v1/scripts/{}", s.id), &s))
}
