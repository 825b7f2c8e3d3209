use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::invoices::{Invoice, PayInvoiceRequest};

use crate::authz::FinanceCtx;
use crate::domain::commissions::invoices;
use crate::extract::Json;
use crate::openapi::TAG_COMMISSIONS;
use crate::params::Id;
use crate::reply::{Answer, Reply};
use crate::time;

/// Mark an invoice paid
///
/// Finance and admins. The client's owner earns one residual line for it, at the amount locked
/// on the client when the deal was won. Paying twice is a 409.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "pay_invoice", params(Id<Invoice>), responses(
    (status = 200, description = "The paid invoice", body = Invoice),
    (status = 409, description = "Already paid (`conflict`)", body = Problem),
))]
#[post("/invoices/{id}/pay")]
pub async fn pay_invoice(
    ctx: FinanceCtx,
    id: Id<Invoice>,
    body: Json<PayInvoiceRequest>,
) -> Answer<Invoice> {
    ctx.commit(move |c, caller| {
        let at = body.paid_at.map_or_else(time::now, |t| t.naive_utc());
        invoices::pay(c, &caller.actor, &id.uuid().to_string(), at).map(Reply::ok)
    })
    .await
}
