use actix_web::get;
use closebook_shared::activities::Activity;

use crate::authz::PipelineCtx;
use crate::domain;
use crate::openapi::TAG_ACTIVITIES;
use crate::params::Id;
use crate::reply::Answer;

/// One activity
///
/// Seen by whoever works its lead; the `Location` of a logged activity.
#[utoipa::path(tag = TAG_ACTIVITIES, operation_id = "get_activity", params(Id<Activity>), responses(
    (status = 200, description = "The activity", body = Activity),
))]
#[get("/activities/{id}")]
pub async fn get_activity(ctx: PipelineCtx, id: Id<Activity>) -> Answer<Activity> {
    ctx.show(move |c, caller| domain::activities::get(c, caller, id.uuid()))
        .await
}
