//! Partner resources: the marketing hub, the how-to library, an account's integrations.

use closebook_shared::Page;
use closebook_shared::resources::{
    AssetDownload, Integration, MarketingAsset, MarketingAssetListQuery, VideoGuide,
    VideoProgressRequest,
};
use uuid::Uuid;

use super::{ApiResult, get, post, put, query_string};

pub async fn assets(q: MarketingAssetListQuery) -> ApiResult<Page<MarketingAsset>> {
    get(&format!("/marketing-assets{}", query_string(&q))).await
}

pub async fn download(id: Uuid) -> ApiResult<AssetDownload> {
    post(
        &format!("/marketing-assets/{id}/download"),
        &serde_json::json!({}),
    )
    .await
}

pub async fn videos() -> ApiResult<Vec<VideoGuide>> {
    get("/video-guides").await
}

pub async fn progress(id: Uuid, req: &VideoProgressRequest) -> ApiResult<VideoGuide> {
    put(&format!("/video-guides/{id}/progress"), req).await
}

pub async fn integrations(partner: Uuid) -> ApiResult<Vec<Integration>> {
    get(&format!("/partners/{partner}/integrations")).await
}
