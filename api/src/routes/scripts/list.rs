use actix_web::get;
use closebook_shared::Page;
use closebook_shared::scripts::{Script, ScriptListQuery};

use crate::authz::PipelineCtx;
use crate::db::scripts;
use crate::extract::Query;
use crate::openapi::TAG_SCRIPTS;
use crate::reply::Answer;

/// List scripts and email templates
///
/// By title; filter by sales stage or kind. Inactive ones only with `include_inactive=true`.
#[utoipa::path(tag = TAG_SCRIPTS, operation_id = "list_scripts", params(ScriptListQuery), responses(
    (status = 200, description = "A page of scripts", body = Page<Script>),
))]
#[get("/scripts")]
pub async fn list_scripts(ctx: PipelineCtx, q: Query<ScriptListQuery>) -> Answer<Page<Script>> {
    ctx.list(q.0, |c, _, q, page| scripts::list(c, &q, page))
        .await
}
