use actix_web::get;
use closebook_shared::teams::Team;

use crate::authz;
use crate::context::Ctx;
use crate::db::teams;
use crate::error::{ApiError, ApiResult};
use crate::openapi::TAG_TEAMS;
use crate::params::Id;
use crate::reply::Reply;

/// Get a team
#[utoipa::path(tag = TAG_TEAMS, operation_id = "get_team", params(Id<Team>), security(("bearer" = [])), responses(
    (status = 200, description = "The team; `ETag` carries its version", body = Team),
))]
#[get("/teams/{id}")]
pub async fn get_team(ctx: Ctx, id: Id<Team>) -> ApiResult<Reply<Team>> {
    let id = id.uuid();
    let principal = ctx.principal;
    let team = ctx
        .db()
        .read(move |c| {
            let visible = authz::team_scope(c, &principal)?;
            let Some(row) = teams::find(c, id)?
                .filter(|t| visible.as_ref().is_none_or(|ids| ids.contains(&t.id)))
            else {
                return Ok(None);
            };
            let members = teams::member_count(c, &row.id)?;
            Ok(Some(row.to_dto(members)))
        })
        .await?
        .ok_or_else(|| ApiError::not_found("team"))?;
    Ok(Reply::ok_versioned_by(team, |r| r.version))
}
