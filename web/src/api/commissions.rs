//! Commissions: the ledger's lines, the caller's plan, and the server's simulation.

use closebook_shared::Page;
use closebook_shared::commission_lines::{CommissionLine, CommissionListQuery};
use closebook_shared::commissions::month::{SimulateRequest, SimulateResult};
use closebook_shared::compensation_plans::PlanInForce;

use super::{ApiResult, get, post, query_string};

pub async fn list(q: CommissionListQuery) -> ApiResult<Page<CommissionLine>> {
    get(&format!("/commissions{}", query_string(&q))).await
}

pub async fn my_plan() -> ApiResult<PlanInForce> {
    get("/commissions/my-plan").await
}

pub async fn simulate(req: &SimulateRequest) -> ApiResult<SimulateResult> {
    post("/commissions/simulate", req).await
}
