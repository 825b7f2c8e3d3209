//! The demo catalogue's pictures: drawn here (a soft gradient in the category's colour with a
//! round "product" in the middle) and written as PNG, so the demo needs no image files and
//! every product page shows a picture.

use std::io::Write;

use closebook_shared::catalogue::ProductCategory;

/// The category's colour, top of the gradient.
fn colour_of(category: ProductCategory) -> [u8; 3] {
    match category {
        ProductCategory::Smoothie => [231, 84, 128],
        ProductCategory::IceCream => [120, 94, 240],
        ProductCategory::Popsicle => [255, 138, 61],
        ProductCategory::FrozenMeal => [46, 139, 87],
        ProductCategory::ProteinBar => [160, 108, 60],
        ProductCategory::Other => [90, 110, 130],
    }
}

/// A `side`×`side` picture for a product of `category`.
pub fn product_png(category: ProductCategory, side: u32) -> Vec<u8> {
    let top = colour_of(category);
    let centre = side as f32 / 2.0;
    let radius = side as f32 * 0.3;
    let mut raw = Vec::with_capacity(((side * 3 + 1) * side) as usize);
    for y in 0..side {
        raw.push(0); // no filter
        let t = y as f32 / side as f32;
        for x in 0..side {
            let (dx, dy) = (x as f32 - centre, y as f32 - centre);
            let inside = dx * dx + dy * dy <= radius * radius;
            for c in top {
                // Towards white going down; the disc is the colour, lightened a little.
                let mix = if inside { 0.25 } else { 0.35 + 0.5 * t };
                let v = f32::from(c) + (255.0 - f32::from(c)) * mix;
                raw.push(v.round().clamp(0.0, 255.0) as u8);
            }
        }
    }
    png_rgb(side, side, &raw)
}

/// An 8-bit RGB PNG of `raw` (rows, each starting with its filter byte).
pub fn png_rgb(width: u32, height: u32, raw: &[u8]) -> Vec<u8> {
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to a Vec cannot fail.
    let _ = z.write_all(raw);
    let idat = z.finish().unwrap_or_default();
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [
        (b"IHDR", &ihdr[..]),
        (b"IDAT", &idat[..]),
        (b"IEND", &[][..]),
    ] {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let crc = crc32fast::hash(&out[start..]);
        out.extend_from_slice(&crc.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_pngs_of_their_size() {
        for (category, side) in [
            (ProductCategory::Smoothie, 320),
            (ProductCategory::Other, 7),
        ] {
            let png = product_png(category, side);
            let size = imagesize::blob_size(&png).unwrap();
            assert_eq!((size.width, size.height), (side as usize, side as usize));
            assert!(matches!(
                imagesize::image_type(&png),
                Ok(imagesize::ImageType::Png)
            ));
            // The IEND chunk's CRC is the well-known constant: the chunks are framed right.
            assert_eq!(&png[png.len() - 8..], b"IEND\xae\x42\x60\x82");
        }
    }
}
