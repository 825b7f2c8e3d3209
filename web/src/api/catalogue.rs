//! The catalogue resource.

use closebook_shared::Page;
use closebook_shared::catalogue::{
    CreateProductRequest, Product, ProductImage, ProductListQuery, StockAdjustmentRequest,
};
use uuid::Uuid;

use super::{ApiResult, Method, call_empty, get, post, query_string, upload};

pub async fn list(q: ProductListQuery) -> ApiResult<Page<Product>> {
    get(&format!("/products{}", query_string(&q))).await
}

pub async fn create(req: &CreateProductRequest) -> ApiResult<Product> {
    post("/products", req).await
}

pub async fn adjust_stock(id: Uuid, req: &StockAdjustmentRequest) -> ApiResult<Product> {
    post(&format!("/products/{id}/stock"), req).await
}

/// Adds `file` (PNG, JPEG or WebP) to the product's images.
pub async fn add_image(id: Uuid, file: web_sys::File) -> ApiResult<ProductImage> {
    upload(&format!("/products/{id}/images"), file).await
}

pub async fn delete_image(image: Uuid) -> ApiResult<()> {
    call_empty(Method::Delete, &format!("/product-images/{image}"), None).await
}
