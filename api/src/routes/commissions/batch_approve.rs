use actix_web::post;
use closebook_shared::commission_lines::{BatchApproveRequest, BatchApproved};

use crate::authz::FinanceCtx;
use crate::domain::commissions::approval;
use crate::extract::Json;
use crate::openapi::TAG_COMMISSIONS;
use crate::reply::{Answer, Reply};

/// Approve earned lines at once
///
/// Finance and admins. Every earned line among `ids` is approved in one transaction; the others
/// are listed in `skipped` with the reason, unchanged.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "batch_approve_commissions", responses(
    (status = 200, description = "What was approved and what was not", body = BatchApproved),
))]
#[post("/commissions/batch-approve")]
pub async fn batch_approve_commissions(
    ctx: FinanceCtx,
    body: Json<BatchApproveRequest>,
) -> Answer<BatchApproved> {
    ctx.commit(move |c, caller| approval::batch(c, &caller.actor, &body.ids).map(Reply::ok))
        .await
}
