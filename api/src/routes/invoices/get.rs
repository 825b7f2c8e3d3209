use actix_web::get;
use closebook_shared::invoices::Invoice;

use crate::authz::FinanceCtx;
use crate::db::commissions::invoices;
use crate::error::ApiError;
use crate::openapi::TAG_COMMISSIONS;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// Get an invoice
///
/// Finance and admins.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "get_invoice", params(Id<Invoice>), responses(
    (status = 200, description = "The invoice", body = Invoice),
))]
#[get("/invoices/{id}")]
pub async fn get_invoice(ctx: FinanceCtx, id: Id<Invoice>) -> Answer<Invoice> {
    ctx.read(move |c, _| {
        invoices::find(c, &id.uuid().to_string())?
            .ok_or_else(|| ApiError::not_found("invoice"))?
            .to_dto()
    })
    .await
    .map(Reply::ok)
}
