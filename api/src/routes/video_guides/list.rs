use actix_web::get;
use closebook_shared::resources::VideoGuide;

use crate::authz::PartnerCtx;
use crate::domain::resources;
use crate::openapi::TAG_RESOURCES;
use crate::params::Id;
use crate::reply::Answer;

/// The how-to library
///
/// Every video by category, with the caller's progress and everyone's average rating.
#[utoipa::path(tag = TAG_RESOURCES, operation_id = "list_video_guides", responses(
    (status = 200, description = "The videos", body = Vec<VideoGuide>),
))]
#[get("/video-guides")]
pub async fn list_video_guides(ctx: PartnerCtx) -> Answer<Vec<VideoGuide>> {
    ctx.show(resources::list_videos).await
}

/// Get a how-to video
///
/// With the caller's progress and everyone's average rating.
#[utoipa::path(tag = TAG_RESOURCES, operation_id = "get_video_guide", params(Id<VideoGuide>), responses(
    (status = 200, description = "The video", body = VideoGuide),
))]
#[get("/video-guides/{id}")]
pub async fn get_video_guide(ctx: PartnerCtx, id: Id<VideoGuide>) -> Answer<VideoGuide> {
    ctx.show(move |c, caller| resources::get_video(c, caller, id.uuid()))
        .await
}
