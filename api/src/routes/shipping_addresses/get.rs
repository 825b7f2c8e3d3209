use actix_web::get;
use closebook_shared::partners::ShippingAddress;

use crate::authz::PartnerCtx;
use crate::domain::partners::addresses;
use crate::openapi::TAG_PARTNERS;
use crate::params::Id;
use crate::reply::Answer;

/// Get a saved shipping address
///
/// Whoever sees its account.
#[utoipa::path(tag = TAG_PARTNERS, operation_id = "get_shipping_address", params(Id<ShippingAddress>), responses(
    (status = 200, description = "The address", body = ShippingAddress),
))]
#[get("/shipping-addresses/{id}")]
pub async fn get_shipping_address(
    ctx: PartnerCtx,
    id: Id<ShippingAddress>,
) -> Answer<ShippingAddress> {
    ctx.show(move |c, caller| addresses::get(c, caller, id.uuid()))
        .await
}
