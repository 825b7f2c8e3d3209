//! `Idempotency-Key` on POST (DESIGN.md §4): a retried request with the same key and body gets
//! the stored response instead of a second write; the same key with a different body is a 409
//! `idempotency_key_reused` (the request is valid — under a fresh key it succeeds — but it
//! conflicts with what the key records; 422 would tell the client to fix data that is fine).
//! Keys are per caller.
//!
//! Crash safety: the key's outcome is recorded in the same transaction as the request's effect
//! (`Ctx::commit` stores the reply before committing), so after a crash a retry either finds
//! the committed answer and replays it, or finds nothing and runs the request once. No key is
//! ever "claimed" ahead of its effect, so none can be left stuck by a dead process. Two
//! concurrent requests with one key both run up to their transaction; the second to commit finds
//! the key taken, rolls back, and replays the first's answer.
//!
//! Refusals (4xx, nothing written) are stored after the fact and replayed too; 5xx answers are
//! not stored, so a failed attempt can be retried.

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
use crate::db::DbConn;
use crate::db::idempotency::{self as rows, IdempotencyRow};
use crate::error::ApiError;
use crate::reply::{RecordedInTransaction, Reply};
use crate::time;

pub static IDEMPOTENCY_KEY: header::HeaderName = header::HeaderName::from_static("idempotency-key");
pub static REPLAYED: header::HeaderName = header::HeaderName::from_static("idempotent-replayed");

/// How long a key's full response is kept for replay, in hours (at least; pruning runs later).
/// After that a key whose request succeeded is still remembered, without its body.
pub const RETENTION_HOURS: i64 = 24;

/// The longest key accepted.
pub const MAX_KEY_LENGTH: usize = 255;

/// A POST carrying a valid key, seen for the first time: handed to the handler (request
/// extensions) so its transaction can record the outcome.
#[derive(Debug, Clone)]
pub struct KeyedRequest {
    principal: String,
    key: String,
    method: String,
    path: String,
    fingerprint: String,
}

impl KeyedRequest {
    fn row(
        &self,
        status: StatusCode,
        body: String,
        headers: &[(String, String)],
    ) -> IdempotencyRow {
        IdempotencyRow {
            principal: self.principal.clone(),
            idem_key: self.key.clone(),
            method: self.method.clone(),
            path: self.path.clone(),
            request_hash: self.fingerprint.clone(),
            status_code: Some(i32::from(status.as_u16())),
            response_body: Some(body),
            created_at: time::now(),
            response_headers: Some(serde_json::to_string(headers).unwrap_or_else(|_| "[]".into())),
        }
    }

    /// Records `reply` under this key, inside the caller's transaction. If another request with
    /// the same key committed first, this fails, which rolls the effect back: the middleware
    /// then replays the first request's answer.
    pub fn record<T: serde::Serialize>(
        &self,
        c: &mut DbConn,
        reply: &mut Reply<T>,
    ) -> Result<(), ApiError> {
        let body = reply
            .stored_body()
            .map_err(|e| ApiError::internal(format!("reply not serialisable: {e}")))?;
        if !rows::insert(c, &self.row(reply.status, body, &reply.headers()))? {
            return Err(key_taken());
        }
        reply.mark_recorded();
        Ok(())
    }
}

/// The answer of a request that lost the race for its key (replaced by the winner's answer).
fn key_taken() -> ApiError {
    ApiError::new(
        ErrorCode::IdempotencyKeyInFlight,
        "another request with this Idempotency-Key completed first",
    )
    .retry_after(1)
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
        .filter(|k| valid_key(k))
        .map(str::to_owned)
    else {
        return Ok(reject(
            req,
            ApiError::bad_param(
                "Idempotency-Key",
                format!("must be 1–{MAX_KEY_LENGTH} visible ASCII characters"),
            ),
        ));
    };

    // Up to the largest body any route takes; the route's own extractor applies its limit.
    let mut payload = req.take_payload();
    let read = crate::extract::read_body(req.request(), &mut payload, crate::extract::UPLOAD_LIMIT);
    let body = match read.await {
        Ok(body) => body,
        Err(e) => return Ok(reject(req, e)),
    };
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

    let keyed = KeyedRequest {
        principal: principal.key(),
        key,
        method: req.method().to_string(),
        path: req.path().to_owned(),
        fingerprint,
    };
    let (owner, k) = (keyed.principal.clone(), keyed.key.clone());
    match state.db.read(move |c| rows::find(c, &owner, &k)).await {
        Err(e) => return Ok(reject(req, e)),
        Ok(Some(existing)) => return Ok(replay(req, existing, &keyed.fingerprint)),
        Ok(None) => {}
    }

    req.extensions_mut().insert(keyed.clone());
    let res = next.call(req).await?.map_into_boxed_body();
    let recorded = res
        .response()
        .extensions()
        .get::<RecordedInTransaction>()
        .is_some();
    if recorded || res.status().is_server_error() {
        return Ok(res);
    }
    // A refusal (or an answer of a handler that changed nothing): store it after the fact. If
    // the key was taken meanwhile, the first request's answer is the one to give.
    let (http_req, res) = res.into_parts();
    let (head, body) = res.into_parts();
    let bytes = actix_web::body::to_bytes(body)
        .await
        .map_err(|_| ApiError::internal("response body unreadable"))?;
    debug_assert!(
        !head.status().is_success() || head.extensions().get::<NoEffect>().is_some(),
        "POST {} answered {} without recording its Idempotency-Key in its transaction: \
         build the reply inside `Ctx::commit`",
        keyed.path,
        head.status()
    );
    let row = keyed.row(
        head.status(),
        String::from_utf8_lossy(&bytes).into_owned(),
        &replayed_headers(head.headers()),
    );
    let (owner, k) = (keyed.principal.clone(), keyed.key.clone());
    let stored = state
        .db
        .write(move |c| store_or_find(c, &row, &owner, &k))
        .await?;
    let req = ServiceRequest::from_request(http_req);
    Ok(match stored {
        None => req.into_response(head.set_body(BoxBody::new(bytes))),
        Some(first) => replay(req, first, &keyed.fingerprint),
    })
}

/// Marks a 2xx answer of a POST that changes nothing (e.g. rendering a script), so it may be
/// stored after the fact like a refusal.
#[derive(Clone, Copy)]
pub struct NoEffect;

/// The 200 answer of a POST that computes and changes nothing (a simulation, a preview, a
/// rendering), marked [`NoEffect`].
pub fn computed<T: serde::Serialize>(body: &T) -> actix_web::HttpResponse {
    let mut res = actix_web::HttpResponse::Ok().json(body);
    res.extensions_mut().insert(NoEffect);
    res
}

fn valid_key(k: &str) -> bool {
    (1..=MAX_KEY_LENGTH).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic())
}

/// Inserts the row; when the key already has an outcome, returns that instead.
fn store_or_find(
    c: &mut DbConn,
    row: &IdempotencyRow,
    owner: &str,
    key: &str,
) -> Result<Option<IdempotencyRow>, ApiError> {
    if rows::insert(c, row)? {
        return Ok(None);
    }
    rows::find(c, owner, key)
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
    let stored: Vec<(String, String)> = existing
        .response_headers
        .as_deref()
        .and_then(|h| serde_json::from_str(h).ok())
        .unwrap_or_default();
    let (Some(status), Some(body)) = (existing.status_code, existing.response_body) else {
        // Compacted after the retention period (or left unfinished by an earlier version):
        // whatever the request did stands, and it is never run again.
        let e = ApiError::new(
            ErrorCode::IdempotencyKeyExpired,
            format!(
                "this Idempotency-Key was used at {} and its response is no longer kept; \
                 the request is not run again (use a new key for a new request)",
                existing.created_at.and_utc().to_rfc3339()
            ),
        );
        let mut res = reject(req, e);
        let location = stored
            .iter()
            .find(|(name, _)| name == header::LOCATION.as_str())
            .and_then(|(_, v)| header::HeaderValue::from_str(v).ok());
        if let Some(v) = location {
            res.headers_mut().insert(header::LOCATION, v);
        }
        return res;
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
    res.insert_header((REPLAYED.clone(), "true"));
    if !body.is_empty() {
        res.insert_header((header::CONTENT_TYPE, content_type));
    }
    for (name, value) in stored {
        res.insert_header((name, value));
    }
    req.into_response(res.body(body))
}

/// Headers a client acts on, kept so a replay is the same answer: where the thing is, its version.
const KEPT_HEADERS: [header::HeaderName; 3] = [header::LOCATION, header::ETAG, header::RETRY_AFTER];

fn replayed_headers(headers: &header::HeaderMap) -> Vec<(String, String)> {
    KEPT_HEADERS
        .iter()
        .filter_map(|name| {
            Some((
                name.as_str().to_owned(),
                headers.get(name)?.to_str().ok()?.to_owned(),
            ))
        })
        .collect()
}

fn reject(req: ServiceRequest, e: ApiError) -> ServiceResponse<BoxBody> {
    super::reject::<BoxBody>(req, e).map_into_boxed_body()
}

fn bytes_to_payload(buf: Bytes) -> Payload {
    let (_, mut pl) = actix_http::h1::Payload::create(true);
    pl.unread_data(buf);
    Payload::from(pl)
}
