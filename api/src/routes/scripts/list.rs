use actix_web::get;
use closebook_shared::Page;
use closebook_shared::scripts::{Script, ScriptListQuery};

use crate::authz;
use crate::context::Ctx;
use crate::db::scripts;
use crate::error::ApiResult;
use crate::extract::Query;
use crate::openapi::TAG_SCRIPTS;
use crate::pagination::PageRequest;
use crate::reply::Reply;

/// List scripts and email templates
///
/// By title; filter by sales stage or kind. Inactive ones only with `include_inactive=true`.
#[utoipa::path(tag = TAG_SCRIPTS, operation_id = "list_scripts", params(ScriptListQuery), security(("bearer" = [])), responses(
    (status = 200, description = "A page of scripts", body = Page<Script>),
))]
#[get("/scripts")]
pub async fn list_scripts(ctx: Ctx, q: Query<ScriptListQuery>) -> ApiResult<Reply<Page<Script>>> {
    authz::require_pipeline_role(&ctx.principal)?;
    let page = PageRequest::parse(q.limit, q.cursor.as_deref())?;
    let result = ctx
        .db()
        .read(move |c| scripts::list(c, &q.0, &page))
        .await?;
    Ok(Reply::ok(result))
}
