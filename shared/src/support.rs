//! Support (issue 13 §7, seed 004 "Support — contact account manager, submit tickets, FAQ"):
//! a partner's ticket about an order, an invoice, a delivery, a product or its account, and
//! who it can call.

use chrono::{DateTime, Utc};
use garde::Validate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::validate::{self, NAME_MAX};

crate::wire_enum! {
    /// What a ticket is about.
    pub enum TicketCategory {
        Order = "order" => "An order",
        Invoice = "invoice" => "An invoice",
        Delivery = "delivery" => "A delivery",
        Product = "product" => "A product",
        Account = "account" => "My account",
        Other = "other" => "Something else",
    }
}

crate::wire_enum! {
    pub enum TicketStatus {
        Open = "open" => "Open",
        Resolved = "resolved" => "Resolved",
    }
}

/// A support ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupportTicket {
    pub id: Uuid,
    /// `SUP-1001` onwards.
    pub number: String,
    pub partner_id: Uuid,
    pub partner_name: String,
    pub opened_by: Uuid,
    pub opened_by_name: String,
    pub category: TicketCategory,
    /// The order it is about, when it is about one.
    pub order_id: Option<Uuid>,
    pub subject: String,
    pub body: String,
    pub status: TicketStatus,
    /// How it was resolved (when it is).
    pub resolution: Option<String>,
    pub resolved_by_name: Option<String>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new ticket. A partner's user opens it for its own account; staff name the account.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateTicketRequest {
    /// Staff only: the account it is for (a partner's user opens tickets for its own).
    #[serde(default)]
    #[garde(skip)]
    pub partner_id: Option<Uuid>,
    #[garde(skip)]
    pub category: TicketCategory,
    /// An order of the account.
    #[serde(default)]
    #[garde(skip)]
    pub order_id: Option<Uuid>,
    #[garde(length(chars, min = 1, max = NAME_MAX), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub subject: String,
    /// What happened and what is needed.
    #[garde(length(chars, min = 1, max = 5000), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 5000, pattern = r"\S")
    )]
    pub body: String,
}

/// Resolving a ticket: what was done.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResolveTicketRequest {
    #[garde(length(chars, min = 1, max = 5000), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 5000, pattern = r"\S")
    )]
    pub resolution: String,
    /// The version it was read at (or `If-Match`).
    #[serde(default)]
    #[garde(skip)]
    pub version: Option<i64>,
}

/// Which tickets to list, newest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct TicketListQuery {
    pub status: Option<TicketStatus>,
    pub partner_id: Option<Uuid>,
    /// Page size, 1–200 (default 50).
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// Someone a partner can call about its account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartnerContact {
    /// `Sales rep` or `Account manager`.
    pub role: String,
    pub name: String,
    pub title: Option<String>,
    pub email: String,
    pub phone: Option<String>,
}
