use actix_web::get;
use closebook_shared::territories::{Feature, Territory};

use crate::authz::PipelineReaderCtx;
use crate::domain;
use crate::openapi::TAG_TERRITORIES;
use crate::params::Id;
use crate::reply::Answer;

/// A territory as a GeoJSON Feature
///
/// Its shape as the geometry (`null` without one) and its fields as the properties, for map
/// tools.
#[utoipa::path(tag = TAG_TERRITORIES, operation_id = "get_territory_geojson", params(Id<Territory>), responses(
    (status = 200, description = "The Feature", body = Feature),
))]
#[get("/territories/{id}/geojson")]
pub async fn get_territory_geojson(ctx: PipelineReaderCtx, id: Id<Territory>) -> Answer<Feature> {
    ctx.show(move |c, _| domain::territories::feature(c, id.uuid()))
        .await
}
