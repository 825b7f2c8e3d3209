use actix_web::get;
use closebook_shared::resources::MarketingAsset;

use crate::authz::PartnerCtx;
use crate::domain::resources;
use crate::openapi::TAG_RESOURCES;
use crate::params::Id;
use crate::reply::Answer;

/// Get a marketing asset
///
/// One a partner user's tier does not reach is not found.
#[utoipa::path(tag = TAG_RESOURCES, operation_id = "get_marketing_asset", params(Id<MarketingAsset>), responses(
    (status = 200, description = "The asset", body = MarketingAsset),
))]
#[get("/marketing-assets/{id}")]
pub async fn get_marketing_asset(
    ctx: PartnerCtx,
    id: Id<MarketingAsset>,
) -> Answer<MarketingAsset> {
    ctx.show(move |c, caller| resources::get_asset(c, caller, id.uuid()))
        .await
}
