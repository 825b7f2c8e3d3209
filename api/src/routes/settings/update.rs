use actix_web::patch;
use closebook_shared::settings::{Settings, UpdateSettingsRequest};

use crate::authz::AdminCtx;
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_SETTINGS;
use crate::params::IfMatch;
use crate::reply::{Answer, Reply};

/// Update the organisation settings
///
/// Admin only.
#[utoipa::path(tag = TAG_SETTINGS, operation_id = "update_settings", params(IfMatch), responses(
    (status = 200, description = "The updated settings", body = Settings),
))]
#[patch("/settings")]
pub async fn update_settings(ctx: AdminCtx, body: Json<UpdateSettingsRequest>) -> Answer<Settings> {
    // Judged after the values (`concurrency::Precondition`), so not refused here.
    let expected = ctx.expected_version(body.version);
    ctx.commit(move |c, caller| {
        domain::settings::update(c, &caller.actor, body.0, expected).map(Reply::versioned)
    })
    .await
}
