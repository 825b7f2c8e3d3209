use actix_web::{HttpResponse, get, web};
use closebook_shared::Problem;
use closebook_shared::teams::Team;

use crate::authz;
use crate::context::Ctx;
use crate::db::teams;
use crate::error::{ApiError, ApiResult};
use crate::openapi::TAG_TEAMS;
use crate::routes::{ok_versioned, parse_id};

/// Get a team
#[utoipa::path(tag = TAG_TEAMS, operation_id = "get_team", params(("id" = uuid::Uuid, Path, description = "Team id")), security(("bearer" = [])), responses(
    (status = 200, description = "The team; `ETag` carries its version", body = Team),
    (status = 404, description = "No such team, or not visible to the caller (`not_found`)", body = Problem, content_type = "application/problem+json"),
))]
#[get("/teams/{id}")]
pub async fn get_team(ctx: Ctx, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = parse_id(&id, "team")?;
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
    Ok(ok_versioned(&team, team.version))
}
