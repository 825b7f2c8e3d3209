use actix_web::get;
use closebook_shared::territories::{Territory, TerritoryAssignment};

use crate::authz::PipelineReaderCtx;
use crate::db::territories;
use crate::error::ApiError;
use crate::openapi::TAG_TERRITORIES;
use crate::params::Id;
use crate::reply::Answer;

/// Who works a territory
///
/// Its assignments, current and ended, newest first.
#[utoipa::path(tag = TAG_TERRITORIES, operation_id = "list_territory_assignments", params(Id<Territory>), responses(
    (status = 200, description = "The assignments", body = Vec<TerritoryAssignment>),
))]
#[get("/territories/{id}/assignments")]
pub async fn list_territory_assignments(
    ctx: PipelineReaderCtx,
    id: Id<Territory>,
) -> Answer<Vec<TerritoryAssignment>> {
    ctx.show(move |c, _| {
        let t = territories::find(c, id.uuid())?.ok_or_else(|| ApiError::not_found("territory"))?;
        territories::assignments(c, &t.id)
    })
    .await
}
