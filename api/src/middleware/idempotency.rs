//! `Idempotency-Key` on POST (DESIGN.md §4): a retried request with the same key and body gets
//! the stored response instead of a second write; the same key with a different body is a 422;
//! a retry while the first is still running is a 409. Keys are per caller and kept ≥ 24 h.
//! Responses of 5xx are not stored, so a failed attempt can be retried.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode, header};
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use actix_web::{HttpMessage, HttpResponse, web};
use closebook_shared::ErrorCode;
use sha2::{Digest, Sha256};

use crate::app::AppState;
use crate::auth::Principal;
use crate::db::idempotency::{self as rows, IdempotencyRow};
use crate::error::ApiError;
use crate::time;

pub static IDEMPOTENCY_KEY: header::HeaderName = header::HeaderName::from_static("idempotency-key");
pub static REPLAYED: header::HeaderName = header::HeaderName::from_static("idempotent-replayed");

/// How long a key is remembered, in hours.
pub const RETENTION_HOURS: i64 = 24;

/// What a claimed key found.
enum Claim {
    /// First use: run the request.
    Fresh,
    /// Seen before with this fingerprint.
    Existing(IdempotencyRow),
}

pub async fn idempotency<B: MessageBody + 'static>(
    mut req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let key_header = req.headers().get(&IDEMPOTENCY_KEY).cloned();
    let principal = req.extensions().get::<Principal>().copied();
    let (Some(key_header), Some(principal), true) =
        (key_header, principal, req.method() == Method::POST)
    else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(reject(req, ApiError::internal("application state missing")));
    };
    let Some(key) = key_header
        .to_str()
        .ok()
        .filter(|k| (1..=255).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic()))
        .map(str::to_owned)
    else {
        return Ok(reject(
            req,
            ApiError::bad_param("Idempotency-Key", "must be 1–255 visible ASCII characters"),
        ));
    };

    let body = req.extract::<Bytes>().await?;
    let fingerprint = hex::encode(Sha256::digest(
        [
            req.method().as_str().as_bytes(),
            b" ",
            req.uri().to_string().as_bytes(),
            b"\n",
            &body,
        ]
        .concat(),
    ));
    req.set_payload(bytes_to_payload(body));

    let owner = principal.key();
    let row = IdempotencyRow {
        principal: owner.clone(),
        idem_key: key.clone(),
        method: req.method().to_string(),
        path: req.path().to_owned(),
        request_hash: fingerprint.clone(),
        status_code: None,
        response_body: None,
        created_at: time::now(),
        response_headers: None,
    };
    let claim = state.db.write(move |c| claim(c, &row)).await;
    match claim {
        Err(e) => return Ok(reject(req, e)),
        Ok(Claim::Existing(existing)) => return Ok(replay(req, existing, &fingerprint)),
        Ok(Claim::Fresh) => {}
    }

    let result = next.call(req).await;
    let (db, store_owner, store_key) = (state.db.clone(), owner, key);
    match result {
        Ok(res) if !res.status().is_server_error() => {
            let (http_req, res) = res.into_parts();
            let (head, body) = res.into_parts();
            let bytes = actix_web::body::to_bytes(body)
                .await
                .map_err(|_| ApiError::internal("response body unreadable"))?;
            let (status, text) = (
                i32::from(head.status().as_u16()),
                String::from_utf8_lossy(&bytes).into_owned(),
            );
            let headers = replayed_headers(head.headers());
            db.write(move |c| rows::complete(c, &store_owner, &store_key, status, &text, &headers))
                .await?;
            Ok(ServiceResponse::new(
                http_req,
                head.set_body(BoxBody::new(bytes)),
            ))
        }
        other => {
            // Not stored: a failed attempt must stay retryable with the same key.
            db.write(move |c| rows::release(c, &store_owner, &store_key))
                .await?;
            other.map(ServiceResponse::map_into_boxed_body)
        }
    }
}

fn claim(c: &mut crate::db::DbConn, row: &IdempotencyRow) -> Result<Claim, ApiError> {
    if let Some(existing) = rows::find(c, &row.principal, &row.idem_key)? {
        if (row.created_at - existing.created_at).num_hours() < RETENTION_HOURS {
            return Ok(Claim::Existing(existing));
        }
        rows::release(c, &row.principal, &row.idem_key)?;
    }
    if rows::claim(c, row)? {
        return Ok(Claim::Fresh);
    }
    // Lost a race for the key: the winner's row says what to do.
    rows::find(c, &row.principal, &row.idem_key)?
        .map(Claim::Existing)
        .ok_or_else(|| ApiError::internal("idempotency key vanished"))
}

fn replay(
    req: ServiceRequest,
    existing: IdempotencyRow,
    fingerprint: &str,
) -> ServiceResponse<BoxBody> {
    if existing.request_hash != fingerprint {
        let e = ApiError::new(
            ErrorCode::IdempotencyKeyReused,
            "this Idempotency-Key was used with a different request; use a new key",
        );
        return reject(req, e);
    }
    let (Some(status), Some(body)) = (existing.status_code, existing.response_body) else {
        let e = ApiError::new(
            ErrorCode::IdempotencyKeyInFlight,
            "the first request with this Idempotency-Key is still being processed",
        )
        .retry_after(1);
        return reject(req, e);
    };
    let status = u16::try_from(status)
        .ok()
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::OK);
    let content_type = if status.is_success() {
        "application/json"
    } else {
        crate::error::PROBLEM_JSON
    };
    let mut res = HttpResponse::build(status);
    res.insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((REPLAYED.clone(), "true"));
    let stored: Vec<(String, String)> = existing
        .response_headers
        .as_deref()
        .and_then(|h| serde_json::from_str(h).ok())
        .unwrap_or_default();
    for (name, value) in stored {
        res.insert_header((name, value));
    }
    req.into_response(res.body(body))
}

/// Headers a client acts on, kept so a replay is the same answer: where the thing is, its version.
const KEPT_HEADERS: [header::HeaderName; 2] = [header::LOCATION, header::ETAG];

fn replayed_headers(headers: &header::HeaderMap) -> String {
    let kept: Vec<(&str, &str)> = KEPT_HEADERS
        .iter()
        .filter_map(|name| Some((name.as_str(), headers.get(name)?.to_str().ok()?)))
        .collect();
    serde_json::to_string(&kept).unwrap_or_else(|_| "[]".into())
}

fn reject(req: ServiceRequest, e: ApiError) -> ServiceResponse<BoxBody> {
    super::reject::<BoxBody>(req, e).map_into_boxed_body()
}

fn bytes_to_payload(buf: Bytes) -> Payload {
    let (_, mut pl) = actix_http::h1::Payload::create(true);
    pl.unread_data(buf);
    Payload::from(pl)
}
