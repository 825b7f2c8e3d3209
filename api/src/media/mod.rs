//! Where uploaded files live (issue 13 §2: product images): a directory on this machine, or an
//! S3-compatible bucket (AWS S3, MinIO, R2, …) when several instances serve one database. The
//! database holds what a file is (type, size, digest); the store holds only its bytes, under a
//! key that is never reused, so nothing here is ever overwritten or shared between records.

mod local;
mod s3;

use actix_web::web::Bytes;

pub use local::LocalStore;
pub use s3::{S3Config, S3Store};

/// The configured store.
#[derive(Clone)]
pub enum MediaStore {
    Local(LocalStore),
    S3(S3Store),
}

/// A store that could not do what was asked: a 500 for the caller, the reason in the log.
#[derive(Debug, thiserror::Error)]
#[error("media store: {0}")]
pub struct MediaError(pub String);

impl MediaStore {
    /// Keeps `bytes` under `key`. Done (durable) when this returns `Ok`.
    pub async fn put(&self, key: &str, bytes: Bytes, content_type: &str) -> Result<(), MediaError> {
        match self {
            MediaStore::Local(s) => s.put(key, bytes).await,
            MediaStore::S3(s) => s.put(key, bytes, content_type).await,
        }
    }

    /// The bytes under `key`; `None` when there are none.
    pub async fn get(&self, key: &str) -> Result<Option<Bytes>, MediaError> {
        match self {
            MediaStore::Local(s) => s.get(key).await,
            MediaStore::S3(s) => s.get(key).await,
        }
    }

    /// Removes `key`; removing what is not there is not an error.
    pub async fn delete(&self, key: &str) -> Result<(), MediaError> {
        match self {
            MediaStore::Local(s) => s.delete(key).await,
            MediaStore::S3(s) => s.delete(key).await,
        }
    }

    /// For the log: where files go.
    pub fn describe(&self) -> String {
        match self {
            MediaStore::Local(s) => format!("directory {}", s.root().display()),
            MediaStore::S3(s) => s.describe(),
        }
    }
}

/// Keys are made by the server (`products/<uuid>`): letters, digits, `-`, `_` and `/` between
/// non-empty parts. Checked again here so no key can climb out of a directory or a bucket.
fn checked(key: &str) -> Result<&str, MediaError> {
    let ok = !key.is_empty()
        && key.split('/').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
    if ok {
        Ok(key)
    } else {
        Err(MediaError(format!("refused key {key:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::checked;

    #[test]
    fn keys_stay_inside_the_store() {
        for (key, ok) in [
            ("products/0190c0de-0000-7000-8000-000000000001", true),
            ("a", true),
            ("a_b/c-d", true),
            ("", false),
            ("../etc/passwd", false),
            ("products/../x", false),
            ("/abs", false),
            ("a//b", false),
            ("a/", false),
            ("a b", false),
            ("a\\b", false),
        ] {
            assert_eq!(checked(key).is_ok(), ok, "{key:?}");
        }
    }
}
