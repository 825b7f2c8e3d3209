use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::catalogue::{Product, StockAdjustmentRequest};

use crate::authz::AdminCtx;
use crate::domain::catalogue;
use crate::extract::Json;
use crate::openapi::TAG_CATALOGUE;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// Adjust a product's stock
///
/// Admins only. Units received or written off, with the reason, added to whatever the stock is
/// now (so a reservation made meanwhile by a confirmed order is kept). Audited.
#[utoipa::path(tag = TAG_CATALOGUE, operation_id = "adjust_product_stock", params(Id<Product>), responses(
    (status = 200, description = "The product with its new stock", body = Product),
    (status = 409, description = "The change would take the stock below zero (`conflict`)", body = Problem),
))]
#[post("/products/{id}/stock")]
pub async fn adjust_product_stock(
    ctx: AdminCtx,
    id: Id<Product>,
    body: Json<StockAdjustmentRequest>,
) -> Answer<Product> {
    ctx.commit(move |c, caller| {
        catalogue::adjust_stock(c, caller, id.uuid(), body.0).map(Reply::versioned)
    })
    .await
}
