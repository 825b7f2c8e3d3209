use actix_web::{HttpRequest, ResponseError, http::header, post, web};
use closebook_shared::Problem;
use closebook_shared::catalogue::{MAX_IMAGE_BYTES, Product, ProductImage};
use uuid::Uuid;

use crate::authz::AdminCtx;
use crate::domain::catalogue::images;
use crate::error::ApiError;
use crate::extract::read_body;
use crate::openapi::{Binary, TAG_CATALOGUE};
use crate::params::Id;
use crate::reply::Answer;

/// Add an image to a product
///
/// Admins only. The body is the image itself — PNG, JPEG or WebP, at most 5 MiB, each side at
/// most 10,000 pixels — sent with its type as `Content-Type` (the bytes must be that format), or
/// as `application/octet-stream` (the bytes say which).
/// It goes after the product's other images (the first is the product's picture; at most 12).
/// Audited. The bytes are kept in the media store (a directory or an S3-compatible bucket).
#[utoipa::path(tag = TAG_CATALOGUE, operation_id = "upload_product_image", params(Id<Product>),
    request_body(description = "The image's bytes", content(
        (Binary = "image/png"),
        (Binary = "image/jpeg"),
        (Binary = "image/webp"),
        (Binary = "application/octet-stream"),
    )),
    responses(
        (status = 201, description = "The image, with where it is served", body = ProductImage),
        (status = 409, description = "The product has 12 images already (`conflict`)", body = Problem),
    ),
)]
#[post("/products/{id}/images")]
pub async fn upload_product_image(
    ctx: AdminCtx,
    id: Id<Product>,
    req: HttpRequest,
    mut payload: web::Payload,
) -> Answer<ProductImage> {
    let declared = images::declared_type(
        req.headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
    )?;
    let bytes = read_body(&req, &mut payload, MAX_IMAGE_BYTES).await?;
    let facts = images::inspect(declared, &bytes)?;
    let product = id.uuid();
    ctx.read(move |c, _| images::check_room(c, product)).await?;

    // The bytes first, then the row (see `domain::catalogue::images`).
    let image = Uuid::now_v7();
    let key = images::storage_key(image);
    let media = ctx.ctx.state.media.clone();
    media
        .put(&key, bytes.clone(), facts.content_type.as_str())
        .await
        .map_err(ApiError::internal)?;
    let size = bytes.len();
    let answer = ctx
        .create("/product-images", move |c, caller| {
            images::record(c, caller, product, image, facts, size)
        })
        .await;
    if let Err(e) = &answer
        && e.status_code().is_client_error()
    {
        // Refused inside the transaction (rolled back): nothing refers to the bytes.
        if let Err(e) = media.delete(&key).await {
            tracing::warn!(error = %e, %key, "an unrecorded image's bytes were not removed");
        }
    }
    answer
}
