use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::scripts::{CreateScriptRequest, Script};

use crate::authz::ManagerCtx;
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_SCRIPTS;
use crate::reply::Answer;

/// Add a script or email template
///
/// Managers and admins. Merge fields are written `{{contact_name}}`; an unknown one is refused
/// (422 naming it).
#[utoipa::path(tag = TAG_SCRIPTS, operation_id = "create_script", responses(
    (status = 201, description = "Created", body = Script),
    (status = 409, description = "Slug already in use (`conflict`)", body = Problem),
))]
#[post("/scripts")]
pub async fn create_script(ctx: ManagerCtx, body: Json<CreateScriptRequest>) -> Answer<Script> {
    ctx.create("/scripts", move |c, caller| {
        domain::scripts::create(c, &caller.actor, body.0)
    })
    .await
}
