//! Sales numbers: dashboards, the Sales Leak and scorecard, the leaderboard, targets, reports.

use closebook_shared::Page;
use closebook_shared::analytics::{
    AnalyticsQuery, SalesLeakReport, ScorecardHistory, ScorecardHistoryQuery,
};
use closebook_shared::dashboards::{
    ConversionReport, ManagerDashboard, ManagerDashboardQuery, RepDashboard, RepDashboardQuery,
    ReportQuery,
};
use closebook_shared::targets::{
    CreateTargetRequest, Leaderboard, LeaderboardQuery, Target, TargetListQuery,
    UpdateTargetRequest,
};

use super::{ApiResult, get, post, query_string};

pub async fn rep_dashboard(q: RepDashboardQuery) -> ApiResult<RepDashboard> {
    get(&format!("/dashboard/rep{}", query_string(&q))).await
}

pub async fn manager_dashboard(q: ManagerDashboardQuery) -> ApiResult<ManagerDashboard> {
    get(&format!("/dashboard/manager{}", query_string(&q))).await
}

pub async fn sales_leak(q: AnalyticsQuery) -> ApiResult<SalesLeakReport> {
    get(&format!("/analytics/sales-leak{}", query_string(&q))).await
}

pub async fn scorecard_history(q: ScorecardHistoryQuery) -> ApiResult<ScorecardHistory> {
    get(&format!("/analytics/scorecard/history{}", query_string(&q))).await
}

pub async fn leaderboard(q: LeaderboardQuery) -> ApiResult<Leaderboard> {
    get(&format!("/targets/leaderboard{}", query_string(&q))).await
}

pub async fn targets(q: TargetListQuery) -> ApiResult<Page<Target>> {
    get(&format!("/targets{}", query_string(&q))).await
}

pub async fn create_target(req: &CreateTargetRequest) -> ApiResult<Target> {
    post("/targets", req).await
}

/// Changes or cancels a target, sending the version it was read at.
pub async fn update_target(id: uuid::Uuid, req: &UpdateTargetRequest) -> ApiResult<Target> {
    super::call(
        super::Method::Put,
        &format!("/targets/{id}"),
        super::to_json(req),
    )
    .await
}

pub async fn conversion(q: ReportQuery) -> ApiResult<ConversionReport> {
    get(&format!("/reports/conversion{}", query_string(&q))).await
}

/// A report (`conversion`, `activity-by-rep`, `pipeline`) saved as CSV.
pub async fn download_report(name: &str, q: ReportQuery) -> ApiResult<()> {
    super::download(
        &format!("/reports/{name}{}", query_string(&q)),
        "text/csv",
        &format!("{name}.csv"),
    )
    .await
}
