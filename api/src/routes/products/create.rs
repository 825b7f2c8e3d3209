use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::catalogue::{CreateProductRequest, Product};

use crate::authz::AdminCtx;
use crate::domain::catalogue;
use crate::extract::Json;
use crate::openapi::TAG_CATALOGUE;
use crate::reply::Answer;

/// Add a product to the catalogue
///
/// Admins only. Prices in the organisation's currency; the SKU is stored upper-case and is
/// unique.
#[utoipa::path(tag = TAG_CATALOGUE, operation_id = "create_product", responses(
    (status = 201, description = "The product; `Location` names it", body = Product),
    (status = 409, description = "A product with this SKU exists (`conflict`)", body = Problem),
))]
#[post("/products")]
pub async fn create_product(ctx: AdminCtx, body: Json<CreateProductRequest>) -> Answer<Product> {
    ctx.create("/products", move |c, caller| {
        catalogue::create(c, caller, body.0)
    })
    .await
}
