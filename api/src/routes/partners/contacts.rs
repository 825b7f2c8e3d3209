use actix_web::get;
use closebook_shared::partners::Partner;
use closebook_shared::support::PartnerContact;

use crate::authz::PartnerCtx;
use crate::domain::support;
use crate::openapi::TAG_SUPPORT;
use crate::params::Id;
use crate::reply::Answer;

/// Who an account can call
///
/// Its sales rep and its account manager, with their email and phone (either may be missing).
/// Whoever sees the account.
#[utoipa::path(tag = TAG_SUPPORT, operation_id = "list_partner_contacts", params(Id<Partner>), responses(
    (status = 200, description = "The account's contacts", body = Vec<PartnerContact>),
))]
#[get("/partners/{id}/contacts")]
pub async fn list_partner_contacts(
    ctx: PartnerCtx,
    id: Id<Partner>,
) -> Answer<Vec<PartnerContact>> {
    ctx.show(move |c, caller| support::contacts(c, caller, id.uuid()))
        .await
}
