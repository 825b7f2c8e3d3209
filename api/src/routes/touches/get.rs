use actix_web::get;
use closebook_shared::activities::Touch;

use crate::authz::PipelineCtx;
use crate::domain;
use crate::openapi::TAG_LEADS;
use crate::params::Id;
use crate::reply::Answer;

/// One touch
///
/// Seen by whoever works its lead; the `Location` of a logged touch.
#[utoipa::path(tag = TAG_LEADS, operation_id = "get_touch", params(Id<Touch>), responses(
    (status = 200, description = "The touch", body = Touch),
))]
#[get("/touches/{id}")]
pub async fn get_touch(ctx: PipelineCtx, id: Id<Touch>) -> Answer<Touch> {
    ctx.show(move |c, caller| domain::activities::get_touch(c, caller, id.uuid()))
        .await
}
