-- Product images (issue 13 §2, seed 004 Product.imageUrl / imageUrls): uploaded by admins, in
-- the order they were added (the first is the product's picture). The bytes are in the media
-- store (a directory or an S3-compatible bucket) under `storage_key`, which is never reused;
-- the row says what they are, so an image is served without reading it to find out.
CREATE TABLE product_images (
    id TEXT PRIMARY KEY NOT NULL,
    product_id TEXT NOT NULL REFERENCES products (id),
    position INTEGER NOT NULL CHECK (position >= 0),
    content_type TEXT NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
    byte_size BIGINT NOT NULL CHECK (byte_size > 0),
    width INTEGER NOT NULL CHECK (width > 0),
    height INTEGER NOT NULL CHECK (height > 0),
    -- Hex SHA-256 of the bytes: the image's ETag.
    sha256 TEXT NOT NULL,
    storage_key TEXT NOT NULL UNIQUE,
    uploaded_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (product_id, position)
);
