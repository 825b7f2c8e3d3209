use actix_web::get;
use closebook_shared::targets::SatisfactionScore;

use crate::authz::PipelineCtx;
use crate::domain::targets;
use crate::openapi::TAG_CLIENTS;
use crate::params::Id;
use crate::reply::Answer;

/// Get a satisfaction score
#[utoipa::path(tag = TAG_CLIENTS, operation_id = "get_satisfaction_score", params(Id<SatisfactionScore>), responses(
    (status = 200, description = "The score", body = SatisfactionScore),
))]
#[get("/satisfaction-scores/{id}")]
pub async fn get_satisfaction_score(
    ctx: PipelineCtx,
    id: Id<SatisfactionScore>,
) -> Answer<SatisfactionScore> {
    ctx.show(move |c, caller| targets::get_satisfaction(c, caller, id.uuid()))
        .await
}
