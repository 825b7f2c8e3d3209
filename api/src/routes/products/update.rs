use actix_web::patch;
use closebook_shared::catalogue::{Product, UpdateProductRequest};

use crate::authz::AdminCtx;
use crate::domain::catalogue;
use crate::extract::Json;
use crate::openapi::TAG_CATALOGUE;
use crate::params::{Id, IfMatch};
use crate::reply::Answer;

/// Change a product
///
/// Admins only. Prices, packing, the minimum order, the reorder point, the label facts, and
/// `active` (an inactive product is not sold). Stock changes through adjustments. Send the
/// `version` you edited (or `If-Match`).
#[utoipa::path(tag = TAG_CATALOGUE, operation_id = "update_product", params(Id<Product>, IfMatch), responses(
    (status = 200, description = "The changed product", body = Product),
))]
#[patch("/products/{id}")]
pub async fn update_product(
    ctx: AdminCtx,
    id: Id<Product>,
    body: Json<UpdateProductRequest>,
) -> Answer<Product> {
    ctx.edit(body.version, move |c, caller, expected| {
        catalogue::update(c, caller, id.uuid(), body.0, expected)
    })
    .await
}
