use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::commission_lines::{CommissionLine, CommissionLineDetail, DisputeRequest};

use crate::authz::CommissionCtx;
use crate::domain::commissions::disputes;
use crate::extract::Json;
use crate::openapi::TAG_COMMISSIONS;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// Dispute a line
///
/// The line's own rep, within the plan's window (7 days) of the line being written, with a
/// reason. Pending, earned and approved lines can be disputed; finance resolves the dispute.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "dispute_commission", params(
    Id<CommissionLine>,
), responses(
    (status = 200, description = "The disputed line and its history", body = CommissionLineDetail),
    (status = 409, description = "Past the window, or a line that cannot be disputed (`conflict`)", body = Problem),
))]
#[post("/commissions/{id}/dispute")]
pub async fn dispute_commission(
    ctx: CommissionCtx,
    id: Id<CommissionLine>,
    body: Json<DisputeRequest>,
) -> Answer<CommissionLineDetail> {
    ctx.commit(move |c, caller| disputes::dispute(c, caller, id.uuid(), body.0).map(Reply::ok))
        .await
}
