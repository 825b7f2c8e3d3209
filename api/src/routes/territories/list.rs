use actix_web::get;
use closebook_shared::Page;
use closebook_shared::territories::{TerritoryListQuery, TerritorySummary};

use crate::authz::PipelineReaderCtx;
use crate::db::territories;
use crate::error::ApiError;
use crate::extract::Query;
use crate::openapi::TAG_TERRITORIES;
use crate::reply::Answer;

/// List territories
///
/// Sorted by name, without their shapes (`bbox` says where each lies; `GET /territories/{id}`
/// has the shape). Everyone who works the pipeline, and finance.
#[utoipa::path(tag = TAG_TERRITORIES, operation_id = "list_territories", params(TerritoryListQuery), responses(
    (status = 200, description = "A page of territories", body = Page<TerritorySummary>),
))]
#[get("/territories")]
pub async fn list_territories(
    ctx: PipelineReaderCtx,
    q: Query<TerritoryListQuery>,
) -> Answer<Page<TerritorySummary>> {
    let bbox = q
        .bbox()
        .map_err(|(param, why)| ApiError::bad_param(param, why))?;
    ctx.list(q.0, move |c, _, q, page| {
        territories::list(c, &q, bbox, page)
    })
    .await
}
