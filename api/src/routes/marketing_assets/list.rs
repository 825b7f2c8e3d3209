use actix_web::get;
use closebook_shared::Page;
use closebook_shared::resources::{MarketingAsset, MarketingAssetListQuery};

use crate::authz::PartnerCtx;
use crate::domain::resources;
use crate::extract::Query;
use crate::openapi::TAG_RESOURCES;
use crate::reply::Answer;

/// List marketing assets
///
/// Newest first. A partner user sees those its account's tier reaches (an asset for growth and
/// above is not a starter's); the back office and the field see all, with their downloads.
#[utoipa::path(tag = TAG_RESOURCES, operation_id = "list_marketing_assets", params(MarketingAssetListQuery), responses(
    (status = 200, description = "A page of assets", body = Page<MarketingAsset>),
))]
#[get("/marketing-assets")]
pub async fn list_marketing_assets(
    ctx: PartnerCtx,
    q: Query<MarketingAssetListQuery>,
) -> Answer<Page<MarketingAsset>> {
    ctx.list(q.0, resources::list_assets).await
}
