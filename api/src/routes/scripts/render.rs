use actix_web::{HttpResponse, post};
use closebook_shared::scripts::{RenderScriptParams, RenderedScript};

use crate::context::Ctx;
use crate::db::{scripts, users};
use crate::error::{ApiError, ApiResult};
use crate::extract::Query;
use crate::openapi::TAG_SCRIPTS;
use crate::params::Id;
use crate::{authz, domain};
use closebook_shared::scripts::Script;

/// Fill a script's merge fields for a lead
///
/// Returns the text to copy; nothing is sent. The rep fields are the caller's (or, for a service
/// token, the lead owner's); fields with no value are listed in `missing`.
#[utoipa::path(tag = TAG_SCRIPTS, operation_id = "render_script", security(("bearer" = [])), params(
    Id<Script>,
    RenderScriptParams,
), responses(
    (status = 200, description = "The filled-in text", body = RenderedScript),
))]
#[post("/scripts/{id}/render")]
pub async fn render_script(
    ctx: Ctx,
    id: Id<Script>,
    q: Query<RenderScriptParams>,
) -> ApiResult<HttpResponse> {
    authz::require_pipeline_role(&ctx.principal)?;
    let id = id.uuid().to_string();
    let principal = ctx.principal;
    let lead_id = q.lead_id;
    let rendered = ctx
        .db()
        .read(move |c| {
            let script = scripts::find(c, &id)?.ok_or_else(|| ApiError::not_found("script"))?;
            let scope = authz::lead_scope(c, &principal)?;
            let lead = domain::leads::load_for(c, &scope, lead_id)?;
            let rep_id = principal
                .user_id()
                .map_or(lead.owner_id.clone(), |u| u.to_string());
            let rep = users::find(c, uuid::Uuid::parse_str(&rep_id).unwrap_or_default())?;
            domain::scripts::render_for(&script, &lead, rep.as_ref(), c)
        })
        .await?;
    // Rendering changes nothing, so its answer may be stored after the fact.
    let mut res = HttpResponse::Ok().json(&rendered);
    res.extensions_mut()
        .insert(crate::middleware::idempotency::NoEffect);
    Ok(res)
}
