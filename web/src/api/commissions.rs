//! Commissions: the ledger's lines and the caller's plan (the what-if runs in the browser).

use closebook_shared::Page;
use closebook_shared::commission_lines::{CommissionLine, CommissionListQuery};
use closebook_shared::compensation_plans::PlanInForce;

use super::{ApiResult, get, query_string};

pub async fn list(q: CommissionListQuery) -> ApiResult<Page<CommissionLine>> {
    get(&format!("/commissions{}", query_string(&q))).await
}

pub async fn my_plan() -> ApiResult<PlanInForce> {
    get("/commissions/my-plan").await
}
