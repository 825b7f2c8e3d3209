use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::invoices::{CreateRefundRequest, Invoice, Refund};

use crate::authz::FinanceCtx;
use crate::domain::commissions::refunds::{self, Target};
use crate::extract::Json;
use crate::openapi::TAG_COMMISSIONS;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// Refund an invoice
///
/// Finance and admins, for refunds made outside a connected billing system. Within the plan's
/// window (45 days after the invoice was paid, by local date) it writes a clawback of the
/// invoice's residual line: `−(residual × refunded ÷ invoice amount)`; later, none.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "refund_invoice", params(
    Id<Invoice>,
), responses(
    (status = 201, description = "Recorded; `Location` names the refund", body = Refund),
    (status = 409, description = "The invoice is not paid (`conflict`)", body = Problem),
))]
#[post("/invoices/{id}/refunds")]
pub async fn refund_invoice(
    ctx: FinanceCtx,
    id: Id<Invoice>,
    body: Json<CreateRefundRequest>,
) -> Answer<Refund> {
    ctx.commit(move |c, caller| {
        let target = Target::Invoice(id.uuid().to_string());
        let refund = refunds::create(c, &caller.actor, target, body.0)?;
        Ok(Reply::created_at("/refunds", refund.id, refund))
    })
    .await
}
