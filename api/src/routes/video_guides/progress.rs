use actix_web::put;
use closebook_shared::resources::{VideoGuide, VideoProgressRequest};

use crate::authz::PartnerCtx;
use crate::domain::resources;
use crate::extract::Json;
use crate::openapi::TAG_RESOURCES;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// Record how far the caller watched a video
///
/// The furthest point stays (replaying from the start does not undo it); 90% completes it. A
/// rating, 1–5, replaces the caller's earlier one.
#[utoipa::path(tag = TAG_RESOURCES, operation_id = "record_video_progress", params(Id<VideoGuide>), responses(
    (status = 200, description = "The video with the caller's progress", body = VideoGuide),
))]
#[put("/video-guides/{id}/progress")]
pub async fn record_video_progress(
    ctx: PartnerCtx,
    id: Id<VideoGuide>,
    body: Json<VideoProgressRequest>,
) -> Answer<VideoGuide> {
    ctx.write(move |c, caller| resources::record_progress(c, caller, id.uuid(), body.0))
        .await
        .map(Reply::ok)
}
