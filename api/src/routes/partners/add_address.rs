use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::partners::{Partner, SaveAddressRequest, ShippingAddress};

use crate::authz::PartnerCtx;
use crate::domain::partners::addresses;
use crate::extract::Json;
use crate::openapi::TAG_PARTNERS;
use crate::params::Id;
use crate::reply::Answer;

/// Save a shipping address
///
/// A store or warehouse of the account, with its dock's needs, under a label unique within
/// the account. The account's first address (or one saved with `make_default`) becomes its
/// default. Whoever sees the account and orders for it (not finance). Audited.
#[utoipa::path(tag = TAG_PARTNERS, operation_id = "add_shipping_address", params(Id<Partner>), responses(
    (status = 201, description = "The address", body = ShippingAddress),
    (status = 409, description = "The account has an address with this label (`conflict`)", body = Problem),
))]
#[post("/partners/{id}/addresses")]
pub async fn add_shipping_address(
    ctx: PartnerCtx,
    id: Id<Partner>,
    body: Json<SaveAddressRequest>,
) -> Answer<ShippingAddress> {
    ctx.create("/shipping-addresses", move |c, caller| {
        addresses::save(c, caller, id.uuid(), body.0)
    })
    .await
}
