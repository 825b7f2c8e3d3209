use actix_web::get;
use closebook_shared::Problem;
use closebook_shared::analytics::{ScorecardHistory, ScorecardHistoryQuery};

use crate::authz::InsightCtx;
use crate::domain::analytics;
use crate::extract::Query;
use crate::openapi::TAG_ANALYTICS;
use crate::reply::Answer;

/// The scorecard's history
///
/// The weekly snapshots a job stores after each week ends, summed over the rep, the team or
/// everyone the caller sees, oldest first: what the numbers were then.
#[utoipa::path(tag = TAG_ANALYTICS, operation_id = "get_scorecard_history", params(ScorecardHistoryQuery), responses(
    (status = 200, description = "The weeks", body = ScorecardHistory),
    (status = 404, description = "`rep_id` or `team_id` names a rep or team the caller does not see (`not_found`)", body = Problem),
))]
#[get("/analytics/scorecard/history")]
pub async fn get_scorecard_history(
    ctx: InsightCtx,
    q: Query<ScorecardHistoryQuery>,
) -> Answer<ScorecardHistory> {
    ctx.show(move |c, caller| analytics::scorecard_history(c, caller, q.0))
        .await
}
