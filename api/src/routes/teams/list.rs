use actix_web::get;
use closebook_shared::Page;
use closebook_shared::teams::{Team, TeamListQuery};

use crate::authz::TeamsCtx;
use crate::db::teams;
use crate::extract::Query;
use crate::openapi::TAG_TEAMS;
use crate::reply::Answer;

/// List teams
///
/// Sorted by name. Admin and finance see all teams; a manager the teams it runs and its own; a
/// rep its own team; partners none.
#[utoipa::path(tag = TAG_TEAMS, operation_id = "list_teams", params(TeamListQuery), responses(
    (status = 200, description = "A page of teams", body = Page<Team>),
))]
#[get("/teams")]
pub async fn list_teams(ctx: TeamsCtx, q: Query<TeamListQuery>) -> Answer<Page<Team>> {
    ctx.list(q.0, |c, caller, q, page| {
        teams::list(c, caller.scope.as_deref(), &q, page)
    })
    .await
}
