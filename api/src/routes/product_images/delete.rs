use actix_web::{HttpResponse, delete};
use closebook_shared::catalogue::ProductImage;

use crate::authz::AdminCtx;
use crate::domain::catalogue::images;
use crate::error::ApiResult;
use crate::openapi::TAG_CATALOGUE;
use crate::params::Id;

/// Delete a product image
///
/// Admins only. The images after it move up (the next becomes the picture when it was the
/// first); its bytes leave the media store. Audited.
#[utoipa::path(tag = TAG_CATALOGUE, operation_id = "delete_product_image", params(Id<ProductImage>), responses(
    (status = 204, description = "Deleted"),
))]
#[delete("/product-images/{id}")]
pub async fn delete_product_image(ctx: AdminCtx, id: Id<ProductImage>) -> ApiResult<HttpResponse> {
    let row = ctx
        .write(move |c, caller| images::remove(c, caller, id.uuid()))
        .await?;
    // After the commit: a crash before this leaves only an unreferenced file.
    if let Err(e) = ctx.ctx.state.media.delete(&row.storage_key).await {
        tracing::warn!(error = %e, key = %row.storage_key, "a deleted image's bytes were not removed");
    }
    Ok(HttpResponse::NoContent().finish())
}
