use actix_web::get;
use closebook_shared::catalogue::Product;

use crate::authz::PartnerCtx;
use crate::domain::catalogue;
use crate::openapi::TAG_CATALOGUE;
use crate::params::Id;
use crate::reply::Answer;

/// Get a product
///
/// An inactive product is found by the back office only.
#[utoipa::path(tag = TAG_CATALOGUE, operation_id = "get_product", params(Id<Product>), responses(
    (status = 200, description = "The product; `ETag` carries its version", body = Product),
))]
#[get("/products/{id}")]
pub async fn get_product(ctx: PartnerCtx, id: Id<Product>) -> Answer<Product> {
    ctx.get(move |c, caller| catalogue::get(c, caller, id.uuid()))
        .await
}
