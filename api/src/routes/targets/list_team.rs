use actix_web::get;
use closebook_shared::Page;
use closebook_shared::targets::{Target, TargetListQuery, TargetType};
use closebook_shared::teams::Team;

use crate::authz::InsightCtx;
use crate::domain::targets;
use crate::extract::Query;
use crate::openapi::TAG_TARGETS;
use crate::params::Id;
use crate::reply::Answer;

/// A team's targets
///
/// The team targets of one team the caller sees; 404 for a team
/// it does not see.
#[utoipa::path(tag = TAG_TARGETS, operation_id = "list_team_targets", params(Id<Team>, TargetListQuery), responses(
    (status = 200, description = "A page of the team's targets", body = Page<Target>),
))]
#[get("/targets/team/{id}")]
pub async fn list_team_targets(
    ctx: InsightCtx,
    id: Id<Team>,
    q: Query<TargetListQuery>,
) -> Answer<Page<Target>> {
    ctx.list(q.0, move |c, caller, q, page| {
        targets::list_of(c, caller, TargetType::Team, id.uuid(), q, page)
    })
    .await
}
