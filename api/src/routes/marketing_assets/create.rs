use actix_web::post;
use closebook_shared::resources::{CreateMarketingAssetRequest, MarketingAsset};

use crate::authz::PartnerCtx;
use crate::domain::resources;
use crate::extract::Json;
use crate::openapi::TAG_RESOURCES;
use crate::reply::Answer;

/// Add a marketing asset
///
/// Admins: a poster, a social post, a shelf talker, … at an `https://` address, for every tier
/// or for a tier and above.
#[utoipa::path(tag = TAG_RESOURCES, operation_id = "create_marketing_asset", responses(
    (status = 201, description = "The asset", body = MarketingAsset),
))]
#[post("/marketing-assets")]
pub async fn create_marketing_asset(
    ctx: PartnerCtx,
    body: Json<CreateMarketingAssetRequest>,
) -> Answer<MarketingAsset> {
    ctx.create("/marketing-assets", move |c, caller| {
        resources::create_asset(c, caller, body.0)
    })
    .await
}
