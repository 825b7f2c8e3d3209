use actix_web::get;
use closebook_shared::partners::{Partner, ShippingAddress};

use crate::authz::PartnerCtx;
use crate::domain::partners::addresses;
use crate::openapi::TAG_PARTNERS;
use crate::params::Id;
use crate::reply::Answer;

/// An account's saved shipping addresses
///
/// The default first, then by label. Whoever sees the account.
#[utoipa::path(tag = TAG_PARTNERS, operation_id = "list_shipping_addresses", params(Id<Partner>), responses(
    (status = 200, description = "The addresses", body = Vec<ShippingAddress>),
))]
#[get("/partners/{id}/addresses")]
pub async fn list_shipping_addresses(
    ctx: PartnerCtx,
    id: Id<Partner>,
) -> Answer<Vec<ShippingAddress>> {
    ctx.show(move |c, caller| addresses::list(c, caller, id.uuid()))
        .await
}
