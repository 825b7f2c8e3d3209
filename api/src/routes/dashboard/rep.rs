use actix_web::get;
use closebook_shared::Problem;
use closebook_shared::dashboards::{RepDashboard, RepDashboardQuery};

use crate::authz::InsightCtx;
use crate::domain::dashboards;
use crate::extract::Query;
use crate::openapi::TAG_DASHBOARDS;
use crate::reply::Answer;

/// The rep's dashboard
///
/// Today's snapshot, the month's quota with a forecast to its end, next actions (overdue
/// follow-ups, today's plan, this week's goals), the rep's place on its team's board, hot
/// leads, this month's earnings, rule-based suggestions with their reasons, the activity
/// heatmap and the week's leak line. A manager may name one of its reps.
#[utoipa::path(tag = TAG_DASHBOARDS, operation_id = "get_rep_dashboard", params(RepDashboardQuery), responses(
    (status = 200, description = "The dashboard", body = RepDashboard),
    (status = 404, description = "`rep_id` names a rep the caller does not see, or, without `rep_id`, the caller is no rep or manager (`not_found`)", body = Problem),
))]
#[get("/dashboard/rep")]
pub async fn get_rep_dashboard(
    ctx: InsightCtx,
    q: Query<RepDashboardQuery>,
) -> Answer<RepDashboard> {
    ctx.show(move |c, caller| dashboards::rep_dashboard(c, caller, q.0))
        .await
}
