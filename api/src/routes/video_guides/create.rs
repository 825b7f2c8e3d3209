use actix_web::post;
use closebook_shared::resources::{CreateVideoGuideRequest, VideoGuide};

use crate::authz::PartnerCtx;
use crate::domain::resources;
use crate::extract::Json;
use crate::openapi::TAG_RESOURCES;
use crate::reply::Answer;

/// Add a how-to video
///
/// Admins: its title, category, length and `https://` address.
#[utoipa::path(tag = TAG_RESOURCES, operation_id = "create_video_guide", responses(
    (status = 201, description = "The video", body = VideoGuide),
))]
#[post("/video-guides")]
pub async fn create_video_guide(
    ctx: PartnerCtx,
    body: Json<CreateVideoGuideRequest>,
) -> Answer<VideoGuide> {
    ctx.create("/video-guides", move |c, caller| {
        resources::create_video(c, caller, body.0)
    })
    .await
}
