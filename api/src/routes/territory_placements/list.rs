use actix_web::get;
use closebook_shared::Page;
use closebook_shared::territories::{PlacementRun, PlacementRunQuery};

use crate::authz::PipelineReaderCtx;
use crate::db::placement_runs;
use crate::extract::Query;
use crate::openapi::TAG_TERRITORIES;
use crate::reply::Answer;

/// List placement runs
///
/// Newest first. After a territory is drawn or its shape, places, weight or activity change,
/// every lead is placed again in the background; each run shows its progress.
#[utoipa::path(tag = TAG_TERRITORIES, operation_id = "list_placement_runs", params(PlacementRunQuery), responses(
    (status = 200, description = "A page of runs", body = Page<PlacementRun>),
))]
#[get("/territory-placements")]
pub async fn list_placement_runs(
    ctx: PipelineReaderCtx,
    q: Query<PlacementRunQuery>,
) -> Answer<Page<PlacementRun>> {
    ctx.list(q.0, |c, _, _, page| placement_runs::list(c, page))
        .await
}
