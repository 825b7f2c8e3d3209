use actix_web::get;
use closebook_shared::partners::Partner;
use closebook_shared::resources::Integration;

use crate::authz::PartnerCtx;
use crate::domain::resources;
use crate::openapi::TAG_RESOURCES;
use crate::params::Id;
use crate::reply::Answer;

/// An account's integrations
///
/// Every system it may connect (point of sale, e-commerce, accounting, inventory) with its
/// status; connecting one is a later step.
#[utoipa::path(tag = TAG_RESOURCES, operation_id = "list_partner_integrations", params(Id<Partner>), responses(
    (status = 200, description = "The integrations", body = Vec<Integration>),
))]
#[get("/partners/{id}/integrations")]
pub async fn list_partner_integrations(
    ctx: PartnerCtx,
    id: Id<Partner>,
) -> Answer<Vec<Integration>> {
    ctx.show(move |c, caller| resources::integrations(c, caller, id.uuid()))
        .await
}
