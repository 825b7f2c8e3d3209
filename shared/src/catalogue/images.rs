//! Product pictures (seed 004 `imageUrl` / `imageUrls`): what an upload may be, and what a
//! stored image says about itself.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The largest image accepted, in bytes (5 MiB: a large product photo, web-sized or not).
pub const MAX_IMAGE_BYTES: usize = 5 * 1024 * 1024;
/// The longest side accepted, in pixels.
pub const MAX_IMAGE_SIDE: u32 = 10_000;
/// How many images a product may have.
pub const MAX_IMAGES_PER_PRODUCT: usize = 12;

crate::wire_enum! {
    /// The image formats a browser shows without help.
    pub enum ImageType {
        Png = "image/png" => "PNG",
        Jpeg = "image/jpeg" => "JPEG",
        Webp = "image/webp" => "WebP",
    }
}

/// One picture of a product; the first (lowest `position`) is the product's picture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductImage {
    pub id: Uuid,
    /// Where the image is served (`GET`, no token needed: `<img src>` sends none), relative to
    /// the server, e.g. `/api/v1/product-images/{id}`.
    pub url: String,
    pub content_type: ImageType,
    pub byte_size: u64,
    pub width: u32,
    pub height: u32,
    /// 0 for the product's picture, then in the order they were added.
    pub position: u32,
    pub created_at: DateTime<Utc>,
}

/// The path an image is served at.
pub fn image_url(id: Uuid) -> String {
    format!("/api/v1/product-images/{id}")
}
