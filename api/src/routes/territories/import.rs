use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::territories::{ImportReport, ImportRequest};

use crate::authz::ManagerCtx;
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_TERRITORIES;
use crate::reply::{Answer, Reply};

/// Import territories
///
/// Managers and admins. A GeoJSON FeatureCollection as `GET /territories/export` writes it
/// (up to 1,000 features): each feature a territory, its parent named by slug (in the file or
/// already there); a slug that exists updates that territory. All or nothing: a 422 names every
/// problem by its place (`features[3].properties.parent`, `features[0].geometry.coordinates[0]`):
/// 409 when every problem is the data's (a parent not there), else 422.
#[utoipa::path(tag = TAG_TERRITORIES, operation_id = "import_territories", responses(
    (status = 200, description = "What was created and updated", body = ImportReport),
    (status = 409, description = "Features name parents that are not there, or a slug of another level; nothing was imported (`invalid_reference`)", body = Problem),
    (status = 422, description = "A feature breaks a rule; nothing was imported (`validation_failed`)", body = Problem),
))]
#[post("/territories/import")]
pub async fn import_territories(
    ctx: ManagerCtx,
    body: Json<ImportRequest>,
) -> Answer<ImportReport> {
    ctx.commit(move |c, caller| {
        domain::territories::import(c, &caller.actor, body.0).map(Reply::ok)
    })
    .await
}
