use actix_web::get;
use closebook_shared::territories::FeatureCollection;

use crate::authz::PipelineReaderCtx;
use crate::domain;
use crate::openapi::TAG_TERRITORIES;
use crate::reply::Answer;

/// Every territory as a GeoJSON FeatureCollection
///
/// By name, active and inactive, each with its shape and fields; what
/// `POST /territories/import` reads back.
#[utoipa::path(tag = TAG_TERRITORIES, operation_id = "export_territories", responses(
    (status = 200, description = "The FeatureCollection", body = FeatureCollection),
))]
#[get("/territories/export")]
pub async fn export_territories(ctx: PipelineReaderCtx) -> Answer<FeatureCollection> {
    ctx.show(|c, _| domain::territories::export(c)).await
}
