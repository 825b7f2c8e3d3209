use actix_web::get;
use closebook_shared::Page;
use closebook_shared::support::{SupportTicket, TicketListQuery};

use crate::authz::PartnerCtx;
use crate::domain::support;
use crate::extract::Query;
use crate::openapi::TAG_SUPPORT;
use crate::reply::Answer;

/// List support tickets
///
/// Newest first. A partner user sees its account's, a rep those of the accounts it looks
/// after, a manager its people's, the back office all.
#[utoipa::path(tag = TAG_SUPPORT, operation_id = "list_support_tickets", params(TicketListQuery), responses(
    (status = 200, description = "A page of tickets", body = Page<SupportTicket>),
))]
#[get("/support-tickets")]
pub async fn list_support_tickets(
    ctx: PartnerCtx,
    q: Query<TicketListQuery>,
) -> Answer<Page<SupportTicket>> {
    ctx.list(q.0, support::list).await
}
