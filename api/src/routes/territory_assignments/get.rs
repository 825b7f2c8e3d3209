use actix_web::get;
use closebook_shared::territories::TerritoryAssignment;

use crate::authz::PipelineReaderCtx;
use crate::db::territories;
use crate::error::ApiError;
use crate::openapi::TAG_TERRITORIES;
use crate::params::Id;
use crate::reply::Answer;

/// Get a territory assignment
#[utoipa::path(tag = TAG_TERRITORIES, operation_id = "get_territory_assignment", params(Id<TerritoryAssignment>), responses(
    (status = 200, description = "The assignment", body = TerritoryAssignment),
))]
#[get("/territory-assignments/{id}")]
pub async fn get_territory_assignment(
    ctx: PipelineReaderCtx,
    id: Id<TerritoryAssignment>,
) -> Answer<TerritoryAssignment> {
    ctx.show(move |c, _| {
        territories::find_assignment(c, id.uuid())?
            .map(|(row, name)| row.to_dto(name))
            .ok_or_else(|| ApiError::not_found("territory assignment"))
    })
    .await
}
