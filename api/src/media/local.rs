//! Files in a directory. A file is written beside its final name, flushed to disk, then renamed
//! into place and the directory flushed: after `put` returns, a crash (kill -9, power) leaves
//! either the whole file or none, never a torn one under its name.

use std::io::Write;
use std::path::{Path, PathBuf};

use actix_web::web::{self, Bytes};

use super::{MediaError, checked};

#[derive(Clone)]
pub struct LocalStore {
    root: PathBuf,
}

impl LocalStore {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn path_of(&self, key: &str) -> Result<PathBuf, MediaError> {
        Ok(self.root.join(checked(key)?))
    }

    pub async fn put(&self, key: &str, bytes: Bytes) -> Result<(), MediaError> {
        let path = self.path_of(key)?;
        blocking(move || write_durably(&path, &bytes)).await
    }

    pub async fn get(&self, key: &str) -> Result<Option<Bytes>, MediaError> {
        let path = self.path_of(key)?;
        blocking(move || match std::fs::read(&path) {
            Ok(bytes) => Ok(Some(Bytes::from(bytes))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        })
        .await
    }

    pub async fn delete(&self, key: &str) -> Result<(), MediaError> {
        let path = self.path_of(key)?;
        blocking(move || match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        })
        .await
    }
}

fn write_durably(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // The rename is durable only once the directory entry is.
    std::fs::File::open(dir)?.sync_all()
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> std::io::Result<T> + Send + 'static,
) -> Result<T, MediaError> {
    web::block(f)
        .await
        .map_err(|e| MediaError(e.to_string()))?
        .map_err(|e| MediaError(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn put_get_delete_in_a_directory() {
        let dir = tempfile::tempdir().unwrap();
        let store = LocalStore::new(dir.path());
        let key = "products/0190c0de-0000-7000-8000-000000000001";
        assert_eq!(store.get(key).await.unwrap(), None);
        store.put(key, Bytes::from_static(b"one")).await.unwrap();
        assert_eq!(store.get(key).await.unwrap().unwrap(), "one");
        // Nothing is left beside the file (the temporary was renamed, not copied).
        let names: Vec<_> = std::fs::read_dir(dir.path().join("products"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1);
        store.delete(key).await.unwrap();
        assert_eq!(store.get(key).await.unwrap(), None);
        store.delete(key).await.unwrap();
        assert!(store.put("../escape", Bytes::new()).await.is_err());
    }
}
