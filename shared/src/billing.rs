//! What a billing system delivers to `POST /api/v1/billing/events`, signed with the shared
//! secret (HMAC-SHA256 over `timestamp.body`). Each event is idempotent by the billing system's
//! own ids: delivering one twice changes nothing the second time.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Money;
use crate::commissions::Period;

/// The header carrying the signing time, in Unix seconds.
pub const TIMESTAMP_HEADER: &str = "X-Closebook-Timestamp";
/// The header carrying `sha256=<hex HMAC-SHA256 of "{timestamp}.{body}">`.
pub const SIGNATURE_HEADER: &str = "X-Closebook-Signature";
/// Deliveries signed longer ago than this (or this far in the future) are refused.
pub const TOLERANCE_SECONDS: i64 = 300;

/// One delivery, by its `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", deny_unknown_fields)]
pub enum BillingEvent {
    /// An invoice was paid: the client's owner earns one residual line. The invoice is created
    /// the first time its `invoice_id` is seen.
    #[serde(rename = "invoice.paid")]
    InvoicePaid {
        /// The billing system's invoice id.
        #[cfg_attr(
            feature = "openapi",
            schema(min_length = 1, max_length = 200, pattern = r"^[!-~]+$")
        )]
        invoice_id: String,
        client_id: Uuid,
        amount: Money,
        service_month: Period,
        paid_at: DateTime<Utc>,
    },
    /// All or part of a paid invoice was refunded: within the window, a clawback of the
    /// invoice's residual line.
    #[serde(rename = "invoice.refunded")]
    InvoiceRefunded {
        #[cfg_attr(
            feature = "openapi",
            schema(min_length = 1, max_length = 200, pattern = r"^[!-~]+$")
        )]
        invoice_id: String,
        /// The billing system's refund id.
        #[cfg_attr(
            feature = "openapi",
            schema(min_length = 1, max_length = 200, pattern = r"^[!-~]+$")
        )]
        refund_id: String,
        amount: Money,
        refunded_at: DateTime<Utc>,
    },
    /// The client's subscription ended: lines not yet earned on it are voided.
    #[serde(rename = "subscription.cancelled")]
    SubscriptionCancelled {
        client_id: Uuid,
        cancelled_at: DateTime<Utc>,
    },
}

/// What a delivery did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BillingEventReceipt {
    /// `true` when this event had been delivered before and nothing changed.
    pub duplicate: bool,
    /// The invoice the event names, when it names one.
    pub invoice_id: Option<Uuid>,
    /// The refund it recorded.
    pub refund_id: Option<Uuid>,
    /// Commission lines written or voided by this delivery.
    pub commission_lines: u32,
}
