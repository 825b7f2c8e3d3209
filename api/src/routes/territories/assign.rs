use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::territories::{CreateAssignmentRequest, Territory, TerritoryAssignment};

use crate::authz::ManagerCtx;
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_TERRITORIES;
use crate::params::Id;
use crate::reply::Answer;

/// Assign someone to a territory
///
/// Managers and admins. An active sales rep or manager, as owner, contributor or viewer, from a
/// day (today by default) to another or open-ended. A primary assignment takes the user's
/// primary flag from its other territories.
#[utoipa::path(tag = TAG_TERRITORIES, operation_id = "create_territory_assignment", params(Id<Territory>), responses(
    (status = 201, description = "Assigned; `Location` names the assignment", body = TerritoryAssignment),
    (status = 409, description = "No such user, or not an active rep or manager (`invalid_reference`); it would end before today, the default start (`conflict`)", body = Problem),
))]
#[post("/territories/{id}/assignments")]
pub async fn create_territory_assignment(
    ctx: ManagerCtx,
    id: Id<Territory>,
    body: Json<CreateAssignmentRequest>,
) -> Answer<TerritoryAssignment> {
    ctx.create("/territory-assignments", move |c, caller| {
        domain::territories::assign(c, &caller.actor, id.uuid(), body.0)
    })
    .await
}
