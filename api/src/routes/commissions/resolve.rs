use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::commission_lines::{CommissionLine, CommissionLineDetail, ResolveRequest};

use crate::authz::FinanceCtx;
use crate::domain::commissions::disputes;
use crate::extract::Json;
use crate::openapi::TAG_COMMISSIONS;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// Resolve a dispute
///
/// Finance and admins. `uphold`: the line stands and its status returns to what it was.
/// `adjust`: the same, plus a new adjustment line of `adjustment` with the reason, linked to
/// the disputed line.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "resolve_commission_dispute", params(
    Id<CommissionLine>,
), responses(
    (status = 200, description = "The line and its history", body = CommissionLineDetail),
    (status = 409, description = "The line is not under dispute (`conflict`)", body = Problem),
))]
#[post("/commissions/{id}/resolve")]
pub async fn resolve_commission_dispute(
    ctx: FinanceCtx,
    id: Id<CommissionLine>,
    body: Json<ResolveRequest>,
) -> Answer<CommissionLineDetail> {
    ctx.commit(move |c, caller| {
        disputes::resolve(c, &caller.actor, id.uuid(), body.0).map(Reply::ok)
    })
    .await
}
