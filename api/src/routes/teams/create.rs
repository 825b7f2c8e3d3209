use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::teams::{CreateTeamRequest, Team};

use crate::authz::AdminCtx;
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_TEAMS;
use crate::reply::Answer;

/// Create a team
///
/// Admin only. Members join by setting their `team_id`.
#[utoipa::path(tag = TAG_TEAMS, operation_id = "create_team", responses(
    (status = 201, description = "Created; `Location` names it", body = Team),
    (status = 409, description = "Name already in use (`conflict`)", body = Problem),
))]
#[post("/teams")]
pub async fn create_team(ctx: AdminCtx, body: Json<CreateTeamRequest>) -> Answer<Team> {
    ctx.create("/teams", move |c, caller| {
        domain::teams::create(c, &caller.actor, body.0)
    })
    .await
}
