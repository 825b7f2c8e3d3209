use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::partner_invoices::{PartnerInvoice, PayPartnerInvoiceRequest};

use crate::authz::PartnerCtx;
use crate::domain::partner_invoices;
use crate::extract::Json;
use crate::openapi::TAG_PARTNER_INVOICES;
use crate::params::{Id, IfMatch};
use crate::reply::Answer;

/// Record a partner invoice's payment
///
/// Finance and admins. The order is paid with it (its amount leaves the account's open
/// balance; a prepaid order may then be confirmed) and the rep the order names earns its
/// partner-order commission line, in one transaction.
#[utoipa::path(tag = TAG_PARTNER_INVOICES, operation_id = "pay_partner_invoice", params(Id<PartnerInvoice>, IfMatch), responses(
    (status = 200, description = "The invoice, paid", body = PartnerInvoice),
    (status = 409, description = "The invoice is paid already, or was cancelled with its order (`conflict`)", body = Problem),
    (status = 412, description = "The invoice changed since that version (`version_mismatch`)", body = Problem),
))]
#[post("/partner-invoices/{id}/pay")]
pub async fn pay_partner_invoice(
    ctx: PartnerCtx,
    id: Id<PartnerInvoice>,
    body: Json<PayPartnerInvoiceRequest>,
) -> Answer<PartnerInvoice> {
    ctx.edit(body.version, move |c, caller, expected| {
        partner_invoices::pay(c, caller, id.uuid(), body.0, expected)
    })
    .await
}
