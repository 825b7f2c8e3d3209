use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use closebook_shared::catalogue::ProductImage;

use crate::app::AppState;
use crate::domain::catalogue::images;
use crate::error::{ApiError, ApiResult};
use crate::openapi::{Binary, TAG_CATALOGUE};
use crate::params::Id;

/// Get a product image
///
/// The image's bytes, to anyone: a page's `<img src>` sends no token, and a product's picture
/// is no secret (its id is not guessable). An image never changes under its id, so it may be
/// cached for a year; `ETag` is its SHA-256 and `If-None-Match` with it answers 304.
#[utoipa::path(tag = TAG_CATALOGUE, operation_id = "get_product_image", security(()), params(Id<ProductImage>), responses(
    (status = 200, description = "The image", content(
        (Binary = "image/png"),
        (Binary = "image/jpeg"),
        (Binary = "image/webp"),
    )),
    (status = 304, description = "The copy named by `If-None-Match` is current"),
))]
#[get("/product-images/{id}")]
pub async fn get_product_image(
    state: web::Data<AppState>,
    id: Id<ProductImage>,
    req: HttpRequest,
) -> ApiResult<HttpResponse> {
    let row = state.db.read(move |c| images::found(c, id.uuid())).await?;
    let etag = format!("\"{}\"", row.sha256);
    let cached = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let cache = (header::CACHE_CONTROL, "public, max-age=31536000, immutable");
    if cached {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, etag))
            .insert_header(cache)
            .finish());
    }
    let bytes = state
        .media
        .get(&row.storage_key)
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(|| {
            ApiError::internal(format!(
                "image {} is recorded but its bytes ({}) are not in the media store",
                row.id, row.storage_key
            ))
        })?;
    Ok(HttpResponse::Ok()
        .content_type(row.content_type.as_str())
        .insert_header((header::ETAG, etag))
        .insert_header(cache)
        .body(bytes))
}
