//! Files in an S3-compatible bucket, addressed path-style (`https://endpoint/bucket/key`), which
//! AWS S3, MinIO, Cloudflare R2 and Ceph all accept. Requests are signed (SigV4, by rusty-s3,
//! which only signs) and sent with reqwest; a `PUT` that S3 acknowledged is durable.

use std::time::Duration;

use actix_web::web::Bytes;
use reqwest::StatusCode;
use rusty_s3::actions::{DeleteObject, GetObject, PutObject, S3Action};
use rusty_s3::{Bucket, Credentials, UrlStyle};

use super::{MediaError, checked};

/// How long a signature is valid: only for the request made right after signing.
const SIGNED_FOR: Duration = Duration::from_secs(60);

/// What `--media-store s3://BUCKET` needs besides the bucket.
#[derive(Debug, Clone)]
pub struct S3Config {
    pub bucket: String,
    /// `https://s3.eu-central-1.amazonaws.com`, `http://127.0.0.1:9000`, …
    pub endpoint: String,
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: String,
}

#[derive(Clone)]
pub struct S3Store {
    bucket: Bucket,
    credentials: Credentials,
    http: reqwest::Client,
}

impl S3Store {
    pub fn new(config: &S3Config) -> Result<Self, MediaError> {
        let endpoint = config
            .endpoint
            .parse()
            .map_err(|e| MediaError(format!("S3 endpoint {:?}: {e}", config.endpoint)))?;
        let bucket = Bucket::new(
            endpoint,
            UrlStyle::Path,
            config.bucket.clone(),
            config.region.clone(),
        )
        .map_err(|e| MediaError(format!("S3 bucket {:?}: {e}", config.bucket)))?;
        // reqwest is built without a default TLS provider (TOOLCHAIN: no aws-lc) and refuses
        // to build a client without one, https or not; ring is installed once for the
        // process (a second install is refused harmlessly).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| MediaError(format!("S3 client: {e}")))?;
        Ok(Self {
            bucket,
            credentials: Credentials::new(
                config.access_key_id.clone(),
                config.secret_access_key.clone(),
            ),
            http,
        })
    }

    pub fn describe(&self) -> String {
        format!("S3 bucket {}", self.bucket.base_url())
    }

    pub async fn put(&self, key: &str, bytes: Bytes, content_type: &str) -> Result<(), MediaError> {
        let url =
            PutObject::new(&self.bucket, Some(&self.credentials), checked(key)?).sign(SIGNED_FOR);
        let res = self
            .http
            .put(url)
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(bytes)
            .send()
            .await
            .map_err(|e| MediaError(format!("S3 put {key}: {e}")))?;
        expect_success(res, "put", key).await.map(drop)
    }

    pub async fn get(&self, key: &str) -> Result<Option<Bytes>, MediaError> {
        let url =
            GetObject::new(&self.bucket, Some(&self.credentials), checked(key)?).sign(SIGNED_FOR);
        let res = self
            .http
            .get(url)
            .send()
            .await
            .map_err(|e| MediaError(format!("S3 get {key}: {e}")))?;
        if res.status() == StatusCode::NOT_FOUND {
            return Ok(None);
        }
        let res = expect_success(res, "get", key).await?;
        res.bytes()
            .await
            .map(Some)
            .map_err(|e| MediaError(format!("S3 get {key}: {e}")))
    }

    pub async fn delete(&self, key: &str) -> Result<(), MediaError> {
        let url = DeleteObject::new(&self.bucket, Some(&self.credentials), checked(key)?)
            .sign(SIGNED_FOR);
        let res = self
            .http
            .delete(url)
            .send()
            .await
            .map_err(|e| MediaError(format!("S3 delete {key}: {e}")))?;
        // S3 answers 204 whether or not the object was there.
        if res.status() == StatusCode::NOT_FOUND {
            return Ok(());
        }
        expect_success(res, "delete", key).await.map(drop)
    }
}

async fn expect_success(
    res: reqwest::Response,
    what: &str,
    key: &str,
) -> Result<reqwest::Response, MediaError> {
    if res.status().is_success() {
        return Ok(res);
    }
    let status = res.status();
    let body = res.text().await.unwrap_or_default();
    let body: String = body.chars().take(300).collect();
    Err(MediaError(format!("S3 {what} {key}: {status} {body}")))
}

impl S3Store {
    /// Creates the bucket (a test's own, or a first deployment's); one that exists and is
    /// ours is not an error.
    pub async fn create_bucket(&self) -> Result<(), MediaError> {
        let url =
            rusty_s3::actions::CreateBucket::new(&self.bucket, &self.credentials).sign(SIGNED_FOR);
        let res = self
            .http
            .put(url)
            // S3 requires the (empty) body's length stated; reqwest sends none for an empty body.
            .header(reqwest::header::CONTENT_LENGTH, "0")
            .send()
            .await
            .map_err(|e| MediaError(format!("S3 create bucket: {e}")))?;
        if res.status() == StatusCode::CONFLICT {
            return Ok(());
        }
        expect_success(res, "create bucket", self.bucket.name())
            .await
            .map(drop)
    }
}
