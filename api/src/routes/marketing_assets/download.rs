use actix_web::post;
use closebook_shared::resources::{AssetDownload, MarketingAsset};

use crate::authz::PartnerCtx;
use crate::domain::resources;
use crate::openapi::TAG_RESOURCES;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// Download a marketing asset
///
/// Counts the download and answers where the file is.
#[utoipa::path(tag = TAG_RESOURCES, operation_id = "download_marketing_asset", params(Id<MarketingAsset>), responses(
    (status = 200, description = "Where the file is, and the downloads so far", body = AssetDownload),
))]
#[post("/marketing-assets/{id}/download")]
pub async fn download_marketing_asset(
    ctx: PartnerCtx,
    id: Id<MarketingAsset>,
) -> Answer<AssetDownload> {
    ctx.commit(move |c, caller| resources::download(c, caller, id.uuid()).map(Reply::ok))
        .await
}
