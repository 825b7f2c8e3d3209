//! The partner-invoice resource.

use closebook_shared::Page;
use closebook_shared::partner_invoices::{
    PartnerInvoice, PartnerInvoiceListQuery, PayPartnerInvoiceRequest,
};
use uuid::Uuid;

use super::{ApiResult, download, get, post, query_string};

pub async fn list(q: PartnerInvoiceListQuery) -> ApiResult<Page<PartnerInvoice>> {
    get(&format!("/partner-invoices{}", query_string(&q))).await
}

pub async fn pay(id: Uuid, req: &PayPartnerInvoiceRequest) -> ApiResult<PartnerInvoice> {
    post(&format!("/partner-invoices/{id}/pay"), req).await
}

/// Saves the invoice as `INV-….pdf`.
pub async fn pdf(id: Uuid, number: &str) -> ApiResult<()> {
    download(
        &format!("/partner-invoices/{id}"),
        "application/pdf",
        &format!("{number}.pdf"),
    )
    .await
}
