use actix_web::patch;
use closebook_shared::settings::{Settings, UpdateSettingsRequest};

use crate::context::Ctx;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::openapi::TAG_SETTINGS;
use crate::params::IfMatch;
use crate::reply::Reply;
use crate::{authz, concurrency, domain};

/// Update the organisation settings
///
/// Admin only.
#[utoipa::path(tag = TAG_SETTINGS, operation_id = "update_settings", security(("bearer" = [])), params(
    IfMatch,
), responses(
    (status = 200, description = "The updated settings", body = Settings),
))]
#[patch("/settings")]
pub async fn update_settings(
    ctx: Ctx,
    body: Json<UpdateSettingsRequest>,
) -> ApiResult<Reply<Settings>> {
    authz::require_admin(&ctx.principal)?;
    let p = body.0;
    let expected = concurrency::expected_version(&ctx.req, p.version);
    let actor = ctx.actor();
    let s = ctx
        .db()
        .write(move |c| domain::settings::update(c, &actor, p, expected))
        .await?;
    Ok(Reply::ok_versioned_by(s, |r| r.version))
}
