use actix_web::post;
use closebook_shared::commission_lines::{ReplayReport, ReplayRequest};

use crate::authz::FinanceCtx;
use crate::domain::commissions::statements;
use crate::extract::Json;
use crate::openapi::TAG_COMMISSIONS;
use crate::reply::{Answer, Reply};

/// Replay a period's statements
///
/// Finance and admins. Rebuilds every rep's statement of the period from the ledger and
/// compares it with the one the monthly close stored; each difference is listed (a statement
/// stored but not rebuilt, rebuilt but never stored, or different). Nothing is written.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "replay_commission_statements", responses(
    (status = 200, description = "What the replay found", body = ReplayReport),
))]
#[post("/commissions/replay")]
pub async fn replay_commission_statements(
    ctx: FinanceCtx,
    body: Json<ReplayRequest>,
) -> Answer<ReplayReport> {
    // A POST answers through `commit`, so a retry with its key gets the first report.
    let period = body.period;
    ctx.commit(move |c, _| statements::replay(c, period).map(Reply::ok))
        .await
}
