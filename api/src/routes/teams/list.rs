use actix_web::get;
use closebook_shared::Page;
use closebook_shared::teams::{Team, TeamListQuery};

use crate::authz;
use crate::context::Ctx;
use crate::db::teams;
use crate::error::ApiResult;
use crate::extract::Query;
use crate::openapi::TAG_TEAMS;
use crate::pagination::PageRequest;
use crate::reply::Reply;

/// List teams
///
/// Sorted by name. Admin and finance see all teams; a manager the teams it runs and its own; a
/// rep its own team; partners none.
#[utoipa::path(tag = TAG_TEAMS, operation_id = "list_teams", params(TeamListQuery), security(("bearer" = [])), responses(
    (status = 200, description = "A page of teams", body = Page<Team>),
))]
#[get("/teams")]
pub async fn list_teams(ctx: Ctx, q: Query<TeamListQuery>) -> ApiResult<Reply<Page<Team>>> {
    let page = PageRequest::parse(q.limit, q.cursor.as_deref())?;
    let principal = ctx.principal;
    let result = ctx
        .db()
        .read(move |c| {
            let visible = authz::team_scope(c, &principal)?;
            teams::list(c, visible.as_deref(), &q.0, &page)
        })
        .await?;
    Ok(Reply::ok(result))
}
