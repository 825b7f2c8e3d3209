use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::invoices::{CreateRefundRequest, Refund};

use crate::authz::FinanceCtx;
use crate::domain::commissions::refunds;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::openapi::TAG_COMMISSIONS;
use crate::params::IdempotencyKey;
use crate::reply::Reply;

/// Record a refund
///
/// Finance and admins, for refunds made outside a connected billing system: of a paid invoice
/// (`invoice_id`) or of the deal that opened a client (`client_id`). Within the plan's window
/// (45 days after the original line's source event, by local date) it writes a clawback of
/// the original line's share; later, none.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "create_refund", security(("bearer" = [])), params(
    IdempotencyKey,
), responses(
    (status = 201, description = "Recorded", body = Refund),
    (status = 409, description = "No such invoice or client (`invalid_reference`), or an unpaid invoice (`conflict`)", body = Problem, content_type = "application/problem+json"),
))]
#[post("/refunds")]
pub async fn create_refund(
    ctx: FinanceCtx,
    body: Json<CreateRefundRequest>,
) -> ApiResult<Reply<Refund>> {
    ctx.commit(move |c, caller| {
        let refund = refunds::create(c, &caller.actor, body.0)?;
        Ok(Reply::created(
            format!("/api/v1/refunds/{}", refund.id),
            refund,
        ))
    })
    .await
}
