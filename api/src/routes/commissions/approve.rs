use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::commission_lines::{CommissionLine, CommissionLineDetail};

use crate::authz::FinanceCtx;
use crate::domain::commissions::approval;
use crate::openapi::TAG_COMMISSIONS;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// Approve an earned line
///
/// Finance and admins. EARNED → APPROVED, in the line's history and the audit log; a line in
/// any other status is a 409.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "approve_commission", params(
    Id<CommissionLine>,
), responses(
    (status = 200, description = "The approved line and its history", body = CommissionLineDetail),
    (status = 409, description = "The line is not earned (`conflict`)", body = Problem),
))]
#[post("/commissions/{id}/approve")]
pub async fn approve_commission(
    ctx: FinanceCtx,
    id: Id<CommissionLine>,
) -> Answer<CommissionLineDetail> {
    ctx.commit(move |c, caller| approval::approve(c, &caller.actor, id.uuid()).map(Reply::ok))
        .await
}
