use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::territories::{CreateTerritoryRequest, Territory};

use crate::authz::ManagerCtx;
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_TERRITORIES;
use crate::reply::Answer;

/// Draw a territory
///
/// Managers and admins. A region stands alone; an area lies in a region and a micro-territory
/// in an area (`parent_id`). The shape is a GeoJSON Polygon or MultiPolygon; an unclosed ring,
/// fewer than 4 positions, a coordinate out of range or a self-intersection is a 422 naming it.
#[utoipa::path(tag = TAG_TERRITORIES, operation_id = "create_territory", responses(
    (status = 201, description = "Created; `Location` names it", body = Territory),
    (status = 409, description = "The slug is taken (`conflict`), or the parent is no territory of the level above (`invalid_reference`)", body = Problem),
))]
#[post("/territories")]
pub async fn create_territory(
    ctx: ManagerCtx,
    body: Json<CreateTerritoryRequest>,
) -> Answer<Territory> {
    ctx.create("/territories", move |c, caller| {
        domain::territories::create(c, &caller.actor, body.0)
    })
    .await
}
