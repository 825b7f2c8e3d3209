use actix_web::patch;
use closebook_shared::Problem;
use closebook_shared::teams::{Team, UpdateTeamRequest};

use crate::authz::AdminCtx;
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_TEAMS;
use crate::params::{Id, IfMatch};
use crate::reply::Answer;

/// Update a team
///
/// Admin only. Send the `version` you edited (or `If-Match`) to be told, with 412, when someone
/// else changed the team first.
#[utoipa::path(tag = TAG_TEAMS, operation_id = "update_team", params(Id<Team>, IfMatch), responses(
    (status = 200, description = "The updated team", body = Team),
    (status = 409, description = "Name already in use (`conflict`)", body = Problem),
    (status = 412, description = "The team changed since that version (`version_mismatch`)", body = Problem),
))]
#[patch("/teams/{id}")]
pub async fn update_team(
    ctx: AdminCtx,
    id: Id<Team>,
    body: Json<UpdateTeamRequest>,
) -> Answer<Team> {
    ctx.edit(body.version, move |c, caller, expected| {
        domain::teams::update(c, &caller.actor, id.uuid(), body.0, expected)
    })
    .await
}
