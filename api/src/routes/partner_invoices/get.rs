use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get};
use closebook_shared::partner_invoices::PartnerInvoice;

use crate::authz::PartnerCtx;
use crate::domain::partner_invoices;
use crate::error::ApiResult;
use crate::openapi::TAG_PARTNER_INVOICES;
use crate::params::Id;

/// Get a partner invoice
///
/// Its status now, totals and due date. `Accept: application/pdf` answers the invoice as a PDF
/// with the order's lines.
#[utoipa::path(tag = TAG_PARTNER_INVOICES, operation_id = "get_partner_invoice", params(Id<PartnerInvoice>), responses(
    (status = 200, description = "The invoice; `ETag` carries its version", content(
        (PartnerInvoice = "application/json"),
        (Vec<u8> = "application/pdf"),
    )),
))]
#[get("/partner-invoices/{id}")]
pub async fn get_partner_invoice(
    ctx: PartnerCtx,
    id: Id<PartnerInvoice>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let wants_pdf = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/pdf"));
    if wants_pdf {
        let (number, pdf) = ctx
            .read(move |c, caller| partner_invoices::pdf(c, caller, id.uuid()))
            .await?;
        return Ok(HttpResponse::Ok()
            .content_type("application/pdf")
            .insert_header((
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{number}.pdf\""),
            ))
            .body(pdf));
    }
    let invoice = ctx
        .read(move |c, caller| partner_invoices::get(c, caller, id.uuid()))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, crate::concurrency::etag(invoice.version)))
        .json(invoice))
}
