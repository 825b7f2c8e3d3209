use actix_web::get;
use closebook_shared::teams::Team;

use crate::authz::TeamsCtx;
use crate::db::teams;
use crate::error::ApiError;
use crate::openapi::TAG_TEAMS;
use crate::params::Id;
use crate::reply::Answer;

/// Get a team
#[utoipa::path(tag = TAG_TEAMS, operation_id = "get_team", params(Id<Team>), responses(
    (status = 200, description = "The team; `ETag` carries its version", body = Team),
))]
#[get("/teams/{id}")]
pub async fn get_team(ctx: TeamsCtx, id: Id<Team>) -> Answer<Team> {
    ctx.get(move |c, caller| {
        let row = teams::find(c, id.uuid())?
            .filter(|t| caller.scope.as_ref().is_none_or(|ids| ids.contains(&t.id)))
            .ok_or_else(|| ApiError::not_found("team"))?;
        let members = teams::member_count(c, &row.id)?;
        Ok(row.to_dto(members))
    })
    .await
}
