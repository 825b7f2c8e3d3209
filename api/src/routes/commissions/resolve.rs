use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::commission_lines::{CommissionLine, CommissionLineDetail, ResolveRequest};

use crate::authz::FinanceCtx;
use crate::domain::commissions::disputes;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::openapi::TAG_COMMISSIONS;
use crate::params::{Id, IdempotencyKey};
use crate::reply::Reply;

/// Resolve a dispute
///
/// Finance and admins. `uphold`: the line stands and its status returns to what it was.
/// `adjust`: the same, plus a new adjustment line of `adjustment` with the reason, linked to
/// the disputed line.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "resolve_commission_dispute", security(("bearer" = [])), params(
    Id<CommissionLine>,
    IdempotencyKey,
), responses(
    (status = 200, description = "The line and its history", body = CommissionLineDetail),
    (status = 409, description = "The line is not under dispute (`conflict`)", body = Problem, content_type = "application/problem+json"),
))]
#[post("/commissions/{id}/resolve")]
pub async fn resolve_commission_dispute(
    ctx: FinanceCtx,
    id: Id<CommissionLine>,
    body: Json<ResolveRequest>,
) -> ApiResult<Reply<CommissionLineDetail>> {
    ctx.commit(move |c, caller| {
        disputes::resolve(c, &caller.actor, id.uuid(), body.0).map(Reply::ok)
    })
    .await
}
