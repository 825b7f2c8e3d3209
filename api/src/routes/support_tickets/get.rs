use actix_web::get;
use closebook_shared::support::SupportTicket;

use crate::authz::PartnerCtx;
use crate::domain::support;
use crate::openapi::TAG_SUPPORT;
use crate::params::Id;
use crate::reply::Answer;

/// Get a support ticket
///
/// Whoever sees its account. `ETag` carries its version.
#[utoipa::path(tag = TAG_SUPPORT, operation_id = "get_support_ticket", params(Id<SupportTicket>), responses(
    (status = 200, description = "The ticket", body = SupportTicket),
))]
#[get("/support-tickets/{id}")]
pub async fn get_support_ticket(ctx: PartnerCtx, id: Id<SupportTicket>) -> Answer<SupportTicket> {
    ctx.get(move |c, caller| support::get(c, caller, id.uuid()))
        .await
}
