use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::support::{ResolveTicketRequest, SupportTicket};

use crate::authz::PartnerCtx;
use crate::domain::support;
use crate::extract::Json;
use crate::openapi::TAG_SUPPORT;
use crate::params::{Id, IfMatch};
use crate::reply::Answer;

/// Resolve a support ticket
///
/// Staff who see its account (not the account's own users), saying what was done. Audited.
#[utoipa::path(tag = TAG_SUPPORT, operation_id = "resolve_support_ticket", params(Id<SupportTicket>, IfMatch), responses(
    (status = 200, description = "The ticket, resolved", body = SupportTicket),
    (status = 409, description = "The ticket is resolved already (`conflict`)", body = Problem),
    (status = 412, description = "The ticket changed since that version (`version_mismatch`)", body = Problem),
))]
#[post("/support-tickets/{id}/resolve")]
pub async fn resolve_support_ticket(
    ctx: PartnerCtx,
    id: Id<SupportTicket>,
    body: Json<ResolveTicketRequest>,
) -> Answer<SupportTicket> {
    ctx.edit(body.version, move |c, caller, expected| {
        support::resolve(c, caller, id.uuid(), body.0, expected)
    })
    .await
}
