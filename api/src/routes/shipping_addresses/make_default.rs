use actix_web::post;
use closebook_shared::partners::ShippingAddress;

use crate::authz::PartnerCtx;
use crate::domain::partners::addresses;
use crate::openapi::TAG_PARTNERS;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// Make a saved address the default
///
/// Where the account's orders go when they name no address. Whoever sees the account and
/// orders for it (not finance). Audited.
#[utoipa::path(tag = TAG_PARTNERS, operation_id = "make_default_shipping_address", params(Id<ShippingAddress>), responses(
    (status = 200, description = "The address, now the default", body = ShippingAddress),
))]
#[post("/shipping-addresses/{id}/default")]
pub async fn make_default_shipping_address(
    ctx: PartnerCtx,
    id: Id<ShippingAddress>,
) -> Answer<ShippingAddress> {
    ctx.commit(move |c, caller| addresses::set_default(c, caller, id.uuid()).map(Reply::ok))
        .await
}
