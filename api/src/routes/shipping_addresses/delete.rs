use actix_web::{HttpResponse, delete};
use closebook_shared::partners::ShippingAddress;

use crate::authz::PartnerCtx;
use crate::domain::partners::addresses;
use crate::error::ApiResult;
use crate::openapi::TAG_PARTNERS;
use crate::params::Id;

/// Delete a saved shipping address
///
/// Whoever sees its account and orders for it (not finance). When it was the default, the
/// next by label becomes the default. Orders that went there keep their address. Audited.
#[utoipa::path(tag = TAG_PARTNERS, operation_id = "delete_shipping_address", params(Id<ShippingAddress>), responses(
    (status = 204, description = "Deleted"),
))]
#[delete("/shipping-addresses/{id}")]
pub async fn delete_shipping_address(
    ctx: PartnerCtx,
    id: Id<ShippingAddress>,
) -> ApiResult<HttpResponse> {
    ctx.write(move |c, caller| addresses::delete(c, caller, id.uuid()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
