use actix_web::get;
use closebook_shared::Page;
use closebook_shared::partner_invoices::{PartnerInvoice, PartnerInvoiceListQuery};

use crate::authz::PartnerCtx;
use crate::domain::partner_invoices;
use crate::extract::Query;
use crate::openapi::TAG_PARTNER_INVOICES;
use crate::reply::Answer;

/// List partner invoices
///
/// Newest first; `status` is judged now (open, overdue, paid, cancelled). A partner user sees
/// its account's, a rep those of the accounts it looks after, a manager its people's, finance
/// and the back office all.
#[utoipa::path(tag = TAG_PARTNER_INVOICES, operation_id = "list_partner_invoices", params(PartnerInvoiceListQuery), responses(
    (status = 200, description = "A page of invoices", body = Page<PartnerInvoice>),
))]
#[get("/partner-invoices")]
pub async fn list_partner_invoices(
    ctx: PartnerCtx,
    q: Query<PartnerInvoiceListQuery>,
) -> Answer<Page<PartnerInvoice>> {
    ctx.list(q.0, partner_invoices::list).await
}
