//! Product images (issue 13 §2): an admin uploads the bytes, which are checked to be the image
//! they claim to be, kept in the media store, then recorded; anyone may fetch one by its id.
//!
//! The bytes are stored before the row is written, under a key made from the new image's id:
//! a crash between the two leaves an unreferenced file, never a row without its bytes, and a
//! retried upload (with its `Idempotency-Key`) answers the first one's image.

use closebook_shared::catalogue::{
    ImageType, MAX_IMAGE_BYTES, MAX_IMAGE_SIDE, MAX_IMAGES_PER_PRODUCT, ProductImage, image_url,
};
use closebook_shared::{ErrorCode, FieldError};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::audit;
use crate::context::Caller;
use crate::db::DbConn;
use crate::db::columns::{stored_count, uuid_of};
use crate::db::product_images::{self as rows, ImageRow};
use crate::db::products;
use crate::error::ApiError;
use crate::time;

/// What an upload's bytes turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub struct Inspected {
    pub content_type: ImageType,
    pub width: u32,
    pub height: u32,
    pub sha256: String,
}

fn refused(message: impl Into<String>) -> ApiError {
    ApiError::validation(vec![FieldError::new("body", message)])
}

/// The `Content-Type` an upload declared, as an image type; `None` for
/// `application/octet-stream` (the bytes say which: what generated clients send for a file);
/// 415 for anything else.
pub fn declared_type(content_type: Option<&str>) -> Result<Option<ImageType>, ApiError> {
    let mime = content_type
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase());
    match mime.as_deref() {
        Some("application/octet-stream") => Ok(None),
        Some(m) => m.parse::<ImageType>().map(Some).map_err(|_| unsupported()),
        None => Err(unsupported()),
    }
}

fn unsupported() -> ApiError {
    ApiError::new(
        ErrorCode::UnsupportedMediaType,
        "send the image itself as the body, as image/png, image/jpeg or image/webp",
    )
}

/// Reads the format and size from the bytes' header (nothing is decoded) and checks them
/// against what was declared (if anything) and the limits: 422 naming `body` otherwise.
pub fn inspect(declared: Option<ImageType>, bytes: &[u8]) -> Result<Inspected, ApiError> {
    if bytes.is_empty() {
        return Err(refused("is empty; send the image's bytes"));
    }
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(ApiError::new(
            ErrorCode::PayloadTooLarge,
            format!("the body exceeds the {MAX_IMAGE_BYTES} byte limit"),
        ));
    }
    let found = match imagesize::image_type(bytes) {
        Ok(imagesize::ImageType::Png) => ImageType::Png,
        Ok(imagesize::ImageType::Jpeg) => ImageType::Jpeg,
        Ok(imagesize::ImageType::Webp) => ImageType::Webp,
        _ => return Err(refused("is not a PNG, JPEG or WebP image")),
    };
    if let Some(declared) = declared
        && found != declared
    {
        return Err(refused(format!(
            "is a {} image but was sent as {declared}",
            found.label()
        )));
    }
    let size = imagesize::blob_size(bytes)
        .map_err(|_| refused(format!("is not a complete {} image", found.label())))?;
    let side = |n: usize| {
        u32::try_from(n)
            .ok()
            .filter(|n| (1..=MAX_IMAGE_SIDE).contains(n))
    };
    let (Some(width), Some(height)) = (side(size.width), side(size.height)) else {
        return Err(refused(format!(
            "is {}×{} pixels; each side must be 1–{MAX_IMAGE_SIDE}",
            size.width, size.height
        )));
    };
    Ok(Inspected {
        content_type: found,
        width,
        height,
        sha256: hex::encode(Sha256::digest(bytes)),
    })
}

/// Where a new image's bytes go in the media store.
pub fn storage_key(image: Uuid) -> String {
    format!("products/{image}")
}

/// Before the bytes are stored: the product exists and has room for another image.
pub fn check_room(conn: &mut DbConn, product: Uuid) -> Result<(), ApiError> {
    products::find(conn, product)?.ok_or_else(|| ApiError::not_found("product"))?;
    let (count, _) = rows::count_and_next(conn, &product.to_string())?;
    if count >= MAX_IMAGES_PER_PRODUCT as i64 {
        return Err(ApiError::conflict(format!(
            "a product has at most {MAX_IMAGES_PER_PRODUCT} images; delete one first"
        )));
    }
    Ok(())
}

/// Records an image whose bytes are stored under [`storage_key`]`(image)`. Audited.
pub fn record(
    conn: &mut DbConn,
    caller: &Caller<()>,
    product: Uuid,
    image: Uuid,
    facts: Inspected,
    byte_size: usize,
) -> Result<ProductImage, ApiError> {
    // Again inside the transaction: another upload may have taken the last place meanwhile.
    check_room(conn, product)?;
    let (_, position) = rows::count_and_next(conn, &product.to_string())?;
    let row = ImageRow {
        id: image.to_string(),
        product_id: product.to_string(),
        position,
        content_type: facts.content_type,
        byte_size: i64::try_from(byte_size).map_err(ApiError::internal)?,
        width: i32::try_from(facts.width).map_err(ApiError::internal)?,
        height: i32::try_from(facts.height).map_err(ApiError::internal)?,
        sha256: facts.sha256,
        storage_key: storage_key(image),
        uploaded_by: caller.principal.id.to_string(),
        created_at: time::now(),
    };
    rows::insert(conn, &row)?;
    let dto = to_dto(&row)?;
    audit::record_after(
        conn,
        &caller.actor,
        "product.image.add",
        "product",
        &row.product_id,
        &dto,
    )?;
    Ok(dto)
}

/// Deletes the image's row (the later ones move up, so the first is still the picture) and
/// gives it back: its bytes are removed from the store after the commit. Audited.
pub fn remove(conn: &mut DbConn, caller: &Caller<()>, id: Uuid) -> Result<ImageRow, ApiError> {
    let row = found(conn, id)?;
    rows::delete(conn, &row.id)?;
    rows::close_gap(conn, &row.product_id, row.position)?;
    audit::record(
        conn,
        &caller.actor,
        "product.image.delete",
        "product",
        Some(&row.product_id),
        Some(&to_dto(&row)?),
        None::<&()>,
    )?;
    Ok(row)
}

/// The image `id` (404 when there is none).
pub fn found(conn: &mut DbConn, id: Uuid) -> Result<ImageRow, ApiError> {
    rows::find(conn, id)?.ok_or_else(|| ApiError::not_found("image"))
}

pub fn to_dto(row: &ImageRow) -> Result<ProductImage, ApiError> {
    let id = uuid_of(&row.id);
    Ok(ProductImage {
        id,
        url: image_url(id),
        content_type: row.content_type,
        byte_size: u64::try_from(row.byte_size).map_err(ApiError::internal)?,
        width: stored_count(row.width, "image width")?,
        height: stored_count(row.height, "image height")?,
        position: stored_count(row.position, "image position")?,
        created_at: row.created_at.and_utc(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The smallest files of each format whose header states their size.
    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        b.extend_from_slice(&width.to_be_bytes());
        b.extend_from_slice(&height.to_be_bytes());
        b.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        b
    }

    fn jpeg(width: u16, height: u16) -> Vec<u8> {
        let mut b = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08];
        b.extend_from_slice(&height.to_be_bytes());
        b.extend_from_slice(&width.to_be_bytes());
        b.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9]);
        b
    }

    fn webp(width: u32, height: u32) -> Vec<u8> {
        // VP8X: canvas size minus one, 24 bits little-endian each.
        let mut b = b"RIFF\x16\0\0\0WEBPVP8X\x0a\0\0\0\0\0\0\0".to_vec();
        b.extend_from_slice(&(width - 1).to_le_bytes()[..3]);
        b.extend_from_slice(&(height - 1).to_le_bytes()[..3]);
        b
    }

    #[test]
    fn uploads_are_the_images_they_claim_to_be() {
        use ImageType::*;
        let cases: Vec<(&str, ImageType, Vec<u8>, Result<(u32, u32), &str>)> = vec![
            ("png", Png, png(640, 480), Ok((640, 480))),
            ("jpeg", Jpeg, jpeg(1200, 800), Ok((1200, 800))),
            ("webp", Webp, webp(300, 200), Ok((300, 200))),
            ("largest side", Png, png(10_000, 1), Ok((10_000, 1))),
            ("empty", Png, vec![], Err("is empty")),
            (
                "text",
                Png,
                b"hello, world".to_vec(),
                Err("is not a PNG, JPEG or WebP"),
            ),
            (
                "gif",
                Png,
                b"GIF89a\x01\0\x01\0\0\0\0;".to_vec(),
                Err("is not a PNG, JPEG or WebP"),
            ),
            (
                "declared png, is jpeg",
                Png,
                jpeg(10, 10),
                Err("is a JPEG image but was sent as image/png"),
            ),
            (
                "declared webp, is png",
                Webp,
                png(10, 10),
                Err("is a PNG image but was sent as image/webp"),
            ),
            (
                "too wide",
                Png,
                png(10_001, 10),
                Err("each side must be 1–10000"),
            ),
            (
                "zero high",
                Png,
                png(10, 0),
                Err("each side must be 1–10000"),
            ),
            (
                "truncated png",
                Png,
                png(10, 10)[..14].to_vec(),
                Err("is not a complete PNG"),
            ),
        ];
        for (name, declared, bytes, expected) in cases {
            let got = inspect(Some(declared), &bytes);
            match (expected, got) {
                (Ok((w, h)), Ok(facts)) => {
                    assert_eq!(
                        (facts.width, facts.height, facts.content_type),
                        (w, h, declared),
                        "{name}"
                    );
                    assert_eq!(facts.sha256, hex::encode(Sha256::digest(&bytes)), "{name}");
                }
                (Err(message), Err(e)) => {
                    let problem = e.to_problem();
                    let field = &problem.errors[0];
                    assert_eq!(field.field, "body", "{name}");
                    assert!(field.message.contains(message), "{name}: {}", field.message);
                }
                (expected, got) => panic!("{name}: expected {expected:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn only_image_types_are_declared() {
        for (header, expected) in [
            (Some("image/png"), Some(Some(ImageType::Png))),
            (
                Some("IMAGE/JPEG; charset=binary"),
                Some(Some(ImageType::Jpeg)),
            ),
            (Some("image/webp"), Some(Some(ImageType::Webp))),
            // A file as generated clients send one: the bytes say which image.
            (Some("application/octet-stream"), Some(None)),
            (Some("image/gif"), None),
            (Some("application/json"), None),
            (None, None),
        ] {
            assert_eq!(declared_type(header).ok(), expected, "{header:?}");
        }
    }

    #[test]
    fn a_file_sent_as_bytes_is_what_its_bytes_say() {
        for (bytes, expected) in [
            (png(16, 9), Some((ImageType::Png, 16, 9))),
            (jpeg(40, 30), Some((ImageType::Jpeg, 40, 30))),
            (webp(5, 3), Some((ImageType::Webp, 5, 3))),
            (b"plain text".to_vec(), None),
        ] {
            let got = inspect(None, &bytes)
                .ok()
                .map(|f| (f.content_type, f.width, f.height));
            assert_eq!(got, expected);
        }
    }
}
