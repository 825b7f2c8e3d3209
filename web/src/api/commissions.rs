//! Commissions: the ledger's lines, approvals, the monthly close, payouts, the rep's summary,
//! statements, the residual book and the simulator.

use closebook_shared::Page;
use closebook_shared::commission_lines::{
    BatchApproveRequest, BatchApproved, CloseReport, CloseRequest, CommissionLine,
    CommissionLineDetail, CommissionListQuery, CommissionSummary, CreatePayoutRequest,
    DisputeRequest, Payout, ResidualBook, ResidualBookQuery, ResolveRequest, TeamEarnings,
    TeamEarningsQuery,
};
use closebook_shared::commissions::Period;
use closebook_shared::commissions::month::{SimulateRequest, SimulateResult};
use closebook_shared::compensation_plans::PlanInForce;
use uuid::Uuid;

use super::{ApiResult, get, post, query_string};

pub async fn list(q: CommissionListQuery) -> ApiResult<Page<CommissionLine>> {
    get(&format!("/commissions{}", query_string(&q))).await
}

pub async fn batch_approve(ids: Vec<Uuid>) -> ApiResult<BatchApproved> {
    post("/commissions/batch-approve", &BatchApproveRequest { ids }).await
}

/// The rep disputes one of its lines.
pub async fn dispute(id: Uuid, reason: String) -> ApiResult<CommissionLineDetail> {
    post(
        &format!("/commissions/{id}/dispute"),
        &DisputeRequest { reason },
    )
    .await
}

/// Finance settles a dispute.
pub async fn resolve(id: Uuid, req: ResolveRequest) -> ApiResult<CommissionLineDetail> {
    post(&format!("/commissions/{id}/resolve"), &req).await
}

pub async fn close(period: Period) -> ApiResult<CloseReport> {
    post("/commissions/close", &CloseRequest { period }).await
}

pub async fn pay(req: CreatePayoutRequest) -> ApiResult<Payout> {
    post("/payouts", &req).await
}

pub async fn payouts() -> ApiResult<Vec<Payout>> {
    get("/payouts").await
}

pub async fn summary(rep: Uuid) -> ApiResult<CommissionSummary> {
    get(&format!("/commissions/rm/{rep}/summary")).await
}

pub async fn residual_book(q: ResidualBookQuery) -> ApiResult<ResidualBook> {
    get(&format!("/residual-book{}", query_string(&q))).await
}

pub async fn my_plan() -> ApiResult<PlanInForce> {
    get("/commissions/my-plan").await
}

pub async fn simulate(req: &SimulateRequest) -> ApiResult<SimulateResult> {
    post("/commissions/simulate", req).await
}

/// Saves payroll's CSV of a period.
pub async fn download_payout_report(period: Period) -> ApiResult<()> {
    super::download(
        &format!("/commissions/payout-report?period={period}"),
        "text/csv",
        &format!("payout-report-{period}.csv"),
    )
    .await
}

/// Saves a rep's PDF statement of a period.
pub async fn download_statement(rep: Uuid, period: Period) -> ApiResult<()> {
    super::download(
        &format!("/commissions/statements/{rep}/{period}"),
        "application/pdf",
        &format!("statement-{period}.pdf"),
    )
    .await
}

pub async fn team_earnings(q: TeamEarningsQuery) -> ApiResult<TeamEarnings> {
    get(&format!("/commissions/team-earnings{}", query_string(&q))).await
}
