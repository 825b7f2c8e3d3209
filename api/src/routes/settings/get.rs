use actix_web::get;
use closebook_shared::settings::Settings;

use crate::context::Ctx;
use crate::db::settings;
use crate::openapi::TAG_SETTINGS;
use crate::reply::{Answer, Reply};

/// Get the organisation settings
///
/// Every signed-in user may read them (the web app needs the currency and time zone).
#[utoipa::path(tag = TAG_SETTINGS, operation_id = "get_settings", responses(
    (status = 200, description = "The settings; `ETag` carries their version", body = Settings),
))]
#[get("/settings")]
pub async fn get_settings(ctx: Ctx) -> Answer<Settings> {
    let s = ctx.db().read(|c| Ok(settings::get(c)?.to_dto())).await?;
    Ok(Reply::versioned(s))
}
