use actix_web::{HttpResponse, patch, web};
use closebook_shared::Problem;
use closebook_shared::scripts::{Script, UpdateScriptRequest};

use crate::context::Ctx;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::openapi::TAG_SCRIPTS;
use crate::routes::{ok_versioned, parse_id};
use crate::{authz, concurrency, domain};

/// Edit a script, or retire it (`active: false`)
///
/// Managers and admins.
#[utoipa::path(tag = TAG_SCRIPTS, operation_id = "update_script", security(("bearer" = [])), params(
    ("id" = uuid::Uuid, Path, description = "Script id"),
    ("If-Match" = Option<String>, Header, description = "ETag of the version being edited, e.g. \"3\""),
), responses(
    (status = 200, description = "The updated script", body = Script),
    (status = 403, description = "Not allowed (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such script, or not visible to the caller (`not_found`)", body = Problem, content_type = "application/problem+json"),
    (status = 412, description = "Changed since that version (`version_mismatch`)", body = Problem, content_type = "application/problem+json"),
))]
#[patch("/scripts/{id}")]
pub async fn update_script(
    ctx: Ctx,
    id: web::Path<String>,
    body: Json<UpdateScriptRequest>,
) -> ApiResult<HttpResponse> {
    authz::require_manager(&ctx.principal)?;
    let id = parse_id(&id, "script")?;
    let p = body.0;
    let expected = concurrency::expected_version(&ctx.req, p.version)?;
    let actor = ctx.actor();
    let s = ctx
        .db()
        .write(move |c| domain::scripts::update(c, &actor, id, p, expected))
        .await?;
    Ok(ok_versioned(&s, s.version))
}
