use actix_web::{HttpResponse, post};
use closebook_shared::scripts::{RenderScriptParams, RenderedScript};

use crate::authz::PipelineCtx;
use crate::db::scripts;
use crate::domain;
use crate::error::{ApiError, ApiResult};
use crate::extract::Query;
use crate::openapi::TAG_SCRIPTS;
use crate::params::Id;
use closebook_shared::scripts::Script;

/// Fill a script's merge fields for a lead
///
/// Returns the text to copy; nothing is sent. The rep fields are the caller's (or, for a service
/// token, the lead owner's); fields with no value are listed in `missing`.
#[utoipa::path(tag = TAG_SCRIPTS, operation_id = "render_script", params(
    Id<Script>,
    RenderScriptParams,
), responses(
    (status = 200, description = "The filled-in text", body = RenderedScript),
))]
#[post("/scripts/{id}/render")]
pub async fn render_script(
    ctx: PipelineCtx,
    id: Id<Script>,
    q: Query<RenderScriptParams>,
) -> ApiResult<HttpResponse> {
    let rendered = ctx
        .read(move |c, caller| {
            let script = scripts::find(c, &id.uuid().to_string())?
                .ok_or_else(|| ApiError::not_found("script"))?;
            let lead = domain::leads::load_visible(c, &caller.scope, q.lead_id)?;
            domain::scripts::render_for(c, &script, &lead, caller.principal.user_id())
        })
        .await?;
    Ok(crate::middleware::idempotency::computed(&rendered))
}
