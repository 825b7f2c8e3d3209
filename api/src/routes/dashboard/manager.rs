use actix_web::get;
use closebook_shared::Problem;
use closebook_shared::dashboards::{ManagerDashboard, ManagerDashboardQuery};

use crate::authz::InsightCtx;
use crate::domain::dashboards;
use crate::extract::Query;
use crate::openapi::TAG_DASHBOARDS;
use crate::reply::Answer;

/// The manager's dashboard
///
/// Per rep: production status (green, yellow, red over 90 days), revenue and quota
/// attainment this month, open leads and SLA compliance; the team's SLA compliance and spread
/// of open leads, leak and discipline; the default pipeline's funnel with the conversion
/// between stages, the mean deal cycle and the lead-to-close ratio over 90 days.
#[utoipa::path(tag = TAG_DASHBOARDS, operation_id = "get_manager_dashboard", params(ManagerDashboardQuery), responses(
    (status = 200, description = "The dashboard", body = ManagerDashboard),
    (status = 404, description = "`team_id` names a team the caller does not see (`not_found`)", body = Problem),
))]
#[get("/dashboard/manager")]
pub async fn get_manager_dashboard(
    ctx: InsightCtx,
    q: Query<ManagerDashboardQuery>,
) -> Answer<ManagerDashboard> {
    ctx.show(move |c, caller| dashboards::manager_dashboard(c, caller, q.0))
        .await
}
