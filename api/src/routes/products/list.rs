use actix_web::get;
use closebook_shared::Page;
use closebook_shared::catalogue::{Product, ProductListQuery};

use crate::authz::PartnerCtx;
use crate::domain::catalogue;
use crate::extract::Query;
use crate::openapi::TAG_CATALOGUE;
use crate::reply::Answer;

/// List the catalogue
///
/// By name, active products only (the back office may include inactive ones). Every tier's
/// price comes off MSRP by the tier's discount in today's settings; a partner user also gets
/// its own (`your_price`), the back office the cost.
#[utoipa::path(tag = TAG_CATALOGUE, operation_id = "list_products", params(ProductListQuery), responses(
    (status = 200, description = "A page of products", body = Page<Product>),
))]
#[get("/products")]
pub async fn list_products(ctx: PartnerCtx, q: Query<ProductListQuery>) -> Answer<Page<Product>> {
    ctx.list(q.0, catalogue::list).await
}
