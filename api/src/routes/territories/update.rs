use actix_web::patch;
use closebook_shared::Problem;
use closebook_shared::territories::{Territory, UpdateTerritoryRequest};

use crate::authz::ManagerCtx;
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_TERRITORIES;
use crate::params::{Id, IfMatch};
use crate::reply::Answer;

/// Update a territory
///
/// Managers and admins: its name, slug, parent (of the level above), colour, weight, active
/// flag, shape (`null` removes it) and lists. Send the `version` you edited (or `If-Match`).
#[utoipa::path(tag = TAG_TERRITORIES, operation_id = "update_territory", params(Id<Territory>, IfMatch), responses(
    (status = 200, description = "The updated territory", body = Territory),
    (status = 409, description = "The slug is taken (`conflict`), or the parent is no territory of the level above (`invalid_reference`)", body = Problem),
))]
#[patch("/territories/{id}")]
pub async fn update_territory(
    ctx: ManagerCtx,
    id: Id<Territory>,
    body: Json<UpdateTerritoryRequest>,
) -> Answer<Territory> {
    ctx.edit(body.version, move |c, caller, expected| {
        domain::territories::update(c, &caller.actor, id.uuid(), body.0, expected)
    })
    .await
}
