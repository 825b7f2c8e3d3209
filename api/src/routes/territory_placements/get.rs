use actix_web::get;
use closebook_shared::territories::PlacementRun;

use crate::authz::PipelineReaderCtx;
use crate::db::placement_runs;
use crate::error::ApiError;
use crate::openapi::TAG_TERRITORIES;
use crate::params::Id;
use crate::reply::Answer;

/// Get a placement run
#[utoipa::path(tag = TAG_TERRITORIES, operation_id = "get_placement_run", params(Id<PlacementRun>), responses(
    (status = 200, description = "The run and its progress", body = PlacementRun),
))]
#[get("/territory-placements/{id}")]
pub async fn get_placement_run(
    ctx: PipelineReaderCtx,
    id: Id<PlacementRun>,
) -> Answer<PlacementRun> {
    ctx.show(move |c, _| {
        placement_runs::find(c, id.uuid())?
            .map(|r| r.to_dto())
            .ok_or_else(|| ApiError::not_found("placement run"))
    })
    .await
}
