use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::invoices::{CreateRefundRequest, Invoice, Refund};

use crate::authz::FinanceCtx;
use crate::domain::commissions::refunds::{self, Target};
use crate::error::ApiResult;
use crate::extract::Json;
use crate::openapi::TAG_COMMISSIONS;
use crate::params::{Id, IdempotencyKey};
use crate::reply::Reply;

/// Refund an invoice
///
/// Finance and admins, for refunds made outside a connected billing system. Within the plan's
/// window (45 days after the invoice was paid, by local date) it writes a clawback of the
/// invoice's residual line: `−(residual × refunded ÷ invoice amount)`; later, none.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "refund_invoice", security(("bearer" = [])), params(
    Id<Invoice>,
    IdempotencyKey,
), responses(
    (status = 201, description = "Recorded; `Location` names the refund", body = Refund),
    (status = 409, description = "The invoice is not paid (`conflict`)", body = Problem, content_type = "application/problem+json"),
))]
#[post("/invoices/{id}/refunds")]
pub async fn refund_invoice(
    ctx: FinanceCtx,
    id: Id<Invoice>,
    body: Json<CreateRefundRequest>,
) -> ApiResult<Reply<Refund>> {
    ctx.commit(move |c, caller| {
        let target = Target::Invoice(id.uuid().to_string());
        let refund = refunds::create(c, &caller.actor, target, body.0)?;
        Ok(Reply::created(
            format!("/api/v1/refunds/{}", refund.id),
            refund,
        ))
    })
    .await
}
