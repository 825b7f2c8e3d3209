//! In-app notifications: what happened that a user should see (a lead allocated to it, an
//! allocation that expired or moved). Allocation writes them; later capabilities add kinds.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::wire_enum! {
    pub enum NotificationKind {
        AllocationNew = "allocation_new" => "New lead allocated",
        AllocationExpired = "allocation_expired" => "Allocation expired",
        AllocationReassigned = "allocation_reassigned" => "Allocation reassigned",
        AllocationRejected = "allocation_rejected" => "Allocation rejected",
        AllocationOverflow = "allocation_overflow" => "Lead in the overflow pool",
        /// To the rep: a partner it looks after placed an order.
        OrderPlaced = "order_placed" => "Partner placed an order",
        /// To the partner's users: its order was confirmed, shipped, delivered or cancelled.
        OrderStatus = "order_status" => "Order update",
        /// To the partner's users: an invoice falls due in 3 days.
        InvoiceDue = "invoice_due" => "Invoice due soon",
        /// To the partner's users: an invoice is overdue (a late fee was added).
        InvoiceOverdue = "invoice_overdue" => "Invoice overdue",
        /// To the rep: a partner order was paid, and the rep's commission line written.
        InvoicePaid = "invoice_paid" => "Partner invoice paid",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: Uuid,
    pub kind: NotificationKind,
    pub title: String,
    pub body: String,
    /// The web page it is about, as a path (`/allocations/…`).
    pub link: Option<String>,
    pub created_at: DateTime<Utc>,
    /// `null`: unread.
    pub read_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct NotificationListQuery {
    /// Only unread ones.
    pub unread: Option<bool>,
    /// Page size, 1–200 (default 50).
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// How many unread notifications the caller has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnreadCount {
    pub unread: u32,
}
