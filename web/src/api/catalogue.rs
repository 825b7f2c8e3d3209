//! The catalogue resource.

use closebook_shared::Page;
use closebook_shared::catalogue::{
    CreateProductRequest, Product, ProductListQuery, StockAdjustmentRequest,
};
use uuid::Uuid;

use super::{ApiResult, get, post, query_string};

pub async fn list(q: ProductListQuery) -> ApiResult<Page<Product>> {
    get(&format!("/products{}", query_string(&q))).await
}

pub async fn create(req: &CreateProductRequest) -> ApiResult<Product> {
    post("/products", req).await
}

pub async fn adjust_stock(id: Uuid, req: &StockAdjustmentRequest) -> ApiResult<Product> {
    post(&format!("/products/{id}/stock"), req).await
}
