use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::territories::{EndAssignmentRequest, TerritoryAssignment};

use crate::authz::ManagerCtx;
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_TERRITORIES;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// End a territory assignment
///
/// Managers and admins. The assignment stays in the territory's history with its last day.
#[utoipa::path(tag = TAG_TERRITORIES, operation_id = "end_territory_assignment", params(Id<TerritoryAssignment>), responses(
    (status = 200, description = "The ended assignment", body = TerritoryAssignment),
    (status = 409, description = "It has ended already (`conflict`)", body = Problem),
))]
#[post("/territory-assignments/{id}/end")]
pub async fn end_territory_assignment(
    ctx: ManagerCtx,
    id: Id<TerritoryAssignment>,
    body: Json<EndAssignmentRequest>,
) -> Answer<TerritoryAssignment> {
    ctx.commit(move |c, caller| {
        domain::territories::end_assignment(c, &caller.actor, id.uuid(), body.0).map(Reply::ok)
    })
    .await
}
