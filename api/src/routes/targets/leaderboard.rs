use actix_web::get;
use closebook_shared::Problem;
use closebook_shared::targets::{Leaderboard, LeaderboardQuery};

use crate::authz::InsightCtx;
use crate::domain::targets;
use crate::extract::Query;
use crate::openapi::TAG_TARGETS;
use crate::reply::Answer;

/// The leaderboard
///
/// Active reps ranked by `metric` over the `period` holding `on` (default today), equal values
/// sharing a rank, each with its percentage of its own target for that metric and period. A
/// rep's board is its team, and `me` is its own line; a manager's its people; finance's and an
/// admin's every rep.
#[utoipa::path(tag = TAG_TARGETS, operation_id = "get_leaderboard", params(LeaderboardQuery), responses(
    (status = 200, description = "The board", body = Leaderboard),
    (status = 404, description = "`team_id` names a team the caller does not see (`not_found`)", body = Problem),
))]
#[get("/targets/leaderboard")]
pub async fn get_leaderboard(ctx: InsightCtx, q: Query<LeaderboardQuery>) -> Answer<Leaderboard> {
    ctx.show(move |c, caller| targets::leaderboard(c, caller, q.0))
        .await
}
