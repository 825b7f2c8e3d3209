//! Invoices of client accounts: each paid one (one service month) earns the client's owner one
//! residual line at the amount locked when the deal was won.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Money;
use crate::commissions::Period;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invoice {
    pub id: Uuid,
    /// `INV-000001`, in order of entry.
    pub number: String,
    /// The billing system's id, when it came from one.
    pub external_id: Option<String>,
    pub client_id: Uuid,
    pub amount: Money,
    /// The month of service it bills.
    pub service_month: Period,
    pub paid_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, garde::Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateInvoiceRequest {
    #[garde(skip)]
    pub client_id: Uuid,
    #[garde(custom(|m: &Money, _: &()| crate::validate::money(m)))]
    pub amount: Money,
    #[garde(skip)]
    pub service_month: Period,
    /// When it was paid, if it has been (not in the future).
    #[serde(default)]
    #[garde(skip)]
    pub paid_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, garde::Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PayInvoiceRequest {
    /// When it was paid (default now; not in the future).
    #[serde(default)]
    #[garde(skip)]
    pub paid_at: Option<DateTime<Utc>>,
}

/// A refund of an invoice, or of a deal (a won client's deal value). Within the plan's window
/// (45 days after the original line's source event) it claws back the original line's share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Refund {
    pub id: Uuid,
    /// The billing system's id, when it came from one.
    pub external_id: Option<String>,
    /// The refunded invoice (one of `invoice_id`, `client_id`).
    pub invoice_id: Option<Uuid>,
    /// The client whose deal was refunded.
    pub client_id: Option<Uuid>,
    pub amount: Money,
    pub refunded_at: DateTime<Utc>,
    /// The clawback it wrote, if the refund fell within the window.
    pub clawback_line_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// A refund by hand: of a paid invoice (`POST /invoices/{id}/refunds`) or of the deal that
/// opened a client (`POST /clients/{id}/refunds`).
#[derive(Debug, Clone, Serialize, Deserialize, garde::Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateRefundRequest {
    /// More than zero, at most what is left unrefunded, in the invoice's (deal's) currency.
    #[garde(custom(|m: &Money, _: &()| crate::validate::money(m)))]
    pub amount: Money,
    /// When it was refunded (default now; not in the future).
    #[serde(default)]
    #[garde(skip)]
    pub refunded_at: Option<DateTime<Utc>>,
}
