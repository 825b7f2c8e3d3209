use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::support::{CreateTicketRequest, SupportTicket};

use crate::authz::PartnerCtx;
use crate::domain::support;
use crate::extract::Json;
use crate::openapi::TAG_SUPPORT;
use crate::reply::Answer;

/// Open a support ticket
///
/// A partner's user opens it for its own account; staff who see an account open one on its
/// behalf, naming `partner_id`. `order_id`, when given, is an order of that account. Numbered
/// `SUP-…`; audited.
#[utoipa::path(tag = TAG_SUPPORT, operation_id = "create_support_ticket", responses(
    (status = 201, description = "The ticket, open", body = SupportTicket),
    (status = 403, description = "A partner user whose sign-in has no account (`forbidden`)", body = Problem),
    (status = 404, description = "No such account (or not one the caller sees), or no such order of it (`not_found`)", body = Problem),
))]
#[post("/support-tickets")]
pub async fn create_support_ticket(
    ctx: PartnerCtx,
    body: Json<CreateTicketRequest>,
) -> Answer<SupportTicket> {
    ctx.create("/support-tickets", move |c, caller| {
        support::open(c, caller, body.0)
    })
    .await
}
