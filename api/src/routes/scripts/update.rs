use actix_web::patch;
use closebook_shared::scripts::{Script, UpdateScriptRequest};

use crate::authz::ManagerCtx;
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_SCRIPTS;
use crate::params::{Id, IfMatch};
use crate::reply::Answer;

/// Edit a script, or retire it (`active: false`)
///
/// Managers and admins.
#[utoipa::path(tag = TAG_SCRIPTS, operation_id = "update_script", params(
    Id<Script>,
    IfMatch,
), responses(
    (status = 200, description = "The updated script", body = Script),
))]
#[patch("/scripts/{id}")]
pub async fn update_script(
    ctx: ManagerCtx,
    id: Id<Script>,
    body: Json<UpdateScriptRequest>,
) -> Answer<Script> {
    ctx.edit(body.version, move |c, caller, expected| {
        domain::scripts::update(c, &caller.actor, id.uuid(), body.0, expected)
    })
    .await
}
