//! Commissions: the ledger's lines.

use closebook_shared::Page;
use closebook_shared::commission_lines::{CommissionLine, CommissionListQuery};

use super::{ApiResult, get, query_string};

pub async fn list(q: CommissionListQuery) -> ApiResult<Page<CommissionLine>> {
    get(&format!("/commissions{}", query_string(&q))).await
}
