//! Partner invoices as the API shows them, and the requests that list and pay them.

use chrono::{DateTime, Utc};
use garde::Validate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::InvoiceStatus;
use crate::Money;
use crate::partners::PaymentTerms;

/// The invoice of one partner order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerInvoice {
    pub id: Uuid,
    /// `INV-000001`: one series with the client invoices, in order of issue.
    pub number: String,
    pub order_id: Uuid,
    /// The order's `ORD-…` number.
    pub order_number: String,
    pub partner_id: Uuid,
    pub partner_name: String,
    /// Its status now.
    pub status: InvoiceStatus,
    pub payment_terms: PaymentTerms,
    /// The order's subtotal at the tier price.
    pub subtotal: Money,
    /// Added once when it became overdue; zero before.
    pub late_fee: Money,
    /// Subtotal plus late fee.
    pub total: Money,
    /// What is left to pay: the total, or zero once paid or cancelled.
    pub amount_due: Money,
    pub issued_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    /// For paying it (`If-Match`).
    pub version: i64,
}

/// Record an invoice's payment (finance or the back office).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PayPartnerInvoiceRequest {
    /// When it was paid (default now; not in the future, not before it was issued).
    #[serde(default)]
    #[garde(skip)]
    pub paid_at: Option<DateTime<Utc>>,
    /// The payment's reference (a cheque or transfer number).
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 200), custom(crate::validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub reference: Option<String>,
    #[serde(default)]
    #[garde(skip)]
    pub version: Option<i64>,
}

/// Which invoices to list, newest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct PartnerInvoiceListQuery {
    /// Its status now.
    pub status: Option<InvoiceStatus>,
    pub partner_id: Option<Uuid>,
    pub order_id: Option<Uuid>,
    /// Page size, 1–200 (default 50).
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}
