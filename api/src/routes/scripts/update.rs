use actix_web::patch;
use closebook_shared::scripts::{Script, UpdateScriptRequest};

use crate::context::Ctx;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::openapi::TAG_SCRIPTS;
use crate::params::{Id, IfMatch};
use crate::reply::Reply;
use crate::{authz, concurrency, domain};

/// Edit a script, or retire it (`active: false`)
///
/// Managers and admins.
#[utoipa::path(tag = TAG_SCRIPTS, operation_id = "update_script", security(("bearer" = [])), params(
    Id<Script>,
    IfMatch,
), responses(
    (status = 200, description = "The updated script", body = Script),
))]
#[patch("/scripts/{id}")]
pub async fn update_script(
    ctx: Ctx,
    id: Id<Script>,
    body: Json<UpdateScriptRequest>,
) -> ApiResult<Reply<Script>> {
    authz::require_manager(&ctx.principal)?;
    let id = id.uuid();
    let p = body.0;
    let expected = concurrency::expected_version(&ctx.req, p.version)?;
    let actor = ctx.actor();
    let s = ctx
        .db()
        .write(move |c| domain::scripts::update(c, &actor, id, p, expected))
        .await?;
    Ok(Reply::ok_versioned_by(s, |r| r.version))
}
