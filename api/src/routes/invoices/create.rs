use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::invoices::{CreateInvoiceRequest, Invoice};

use crate::authz::FinanceCtx;
use crate::domain::commissions::invoices;
use crate::extract::Json;
use crate::openapi::TAG_COMMISSIONS;
use crate::reply::Answer;

/// Enter an invoice
///
/// Finance and admins, for invoices billed outside a connected billing system. With `paid_at`
/// it is entered as paid: the client's owner earns one residual line at the amount locked on
/// the client.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "create_invoice", responses(
    (status = 201, description = "Created", body = Invoice),
    (status = 409, description = "No such client (`invalid_reference`)", body = Problem),
))]
#[post("/invoices")]
pub async fn create_invoice(ctx: FinanceCtx, body: Json<CreateInvoiceRequest>) -> Answer<Invoice> {
    ctx.create("/invoices", move |c, caller| {
        invoices::create(c, &caller.actor, body.0)
    })
    .await
}
