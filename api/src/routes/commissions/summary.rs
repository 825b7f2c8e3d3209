use actix_web::get;
use closebook_shared::commission_lines::CommissionSummary;
use closebook_shared::users::User;

use crate::authz::CommissionCtx;
use crate::domain::commissions::summary;
use crate::openapi::TAG_COMMISSIONS;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// A rep's commission summary
///
/// Pending, earned, approved, paid and disputed amounts this month and this year so far (in the
/// rep's plan currency), the next payout date, and this year's payouts. A rep sees its own, a
/// manager its teams', finance and admins everyone's.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "get_commission_summary", params(Id<User>), responses(
    (status = 200, description = "The summary", body = CommissionSummary),
))]
#[get("/commissions/rm/{id}/summary")]
pub async fn get_commission_summary(
    ctx: CommissionCtx,
    rm_id: Id<User>,
) -> Answer<CommissionSummary> {
    ctx.read(move |c, caller| summary::summary(c, &caller.scope, rm_id.uuid()))
        .await
        .map(Reply::ok)
}
