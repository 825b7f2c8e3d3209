use actix_web::get;
use closebook_shared::Problem;
use closebook_shared::analytics::{AnalyticsQuery, Scorecard};

use crate::authz::InsightCtx;
use crate::domain::analytics;
use crate::extract::Query;
use crate::openapi::TAG_ANALYTICS;
use crate::reply::Answer;

/// The weekly scorecard
///
/// Seven numbers for the week (seed 001 §15), computed now: cash collected (30 days), deals won
/// (90 days), weighted pipeline, new contacts (7 days), follow-ups on time, referral asks (30
/// days), the week's leak.
#[utoipa::path(tag = TAG_ANALYTICS, operation_id = "get_scorecard", params(AnalyticsQuery), responses(
    (status = 200, description = "The scorecard", body = Scorecard),
    (status = 404, description = "`rep_id` or `team_id` names a rep or team the caller does not see (`not_found`)", body = Problem),
))]
#[get("/analytics/scorecard")]
pub async fn get_scorecard(ctx: InsightCtx, q: Query<AnalyticsQuery>) -> Answer<Scorecard> {
    ctx.show(move |c, caller| analytics::scorecard(c, caller, q.0))
        .await
}
