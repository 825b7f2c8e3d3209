//! Optimistic concurrency for PATCH of shared records: the client says which version it edited
//! (`If-Match: "3"` or `"version": 3` in the body); a stale version is refused with 412.

use actix_web::HttpRequest;
use actix_web::http::header;
use closebook_shared::ErrorCode;

use crate::error::ApiError;

/// The version the client claims to have edited, from `If-Match` or the body. Both given and
/// different is a client bug worth reporting.
/// The ETags this API issues and accepts in `If-Match` (declared in the OpenAPI document).
/// A bare version number is accepted too, for clients that drop the quotes.
pub const ETAG_PATTERN: &str = r#"^((W/)?"[0-9]{1,18}"|[0-9]{1,18})$"#;

/// `"3"`, `W/"3"` or `3` → 3; anything else (signed, too long, half-quoted) → `None`.
fn parse_etag(raw: &str) -> Option<i64> {
    let digits = match raw.strip_prefix("W/").unwrap_or(raw).strip_prefix('"') {
        Some(quoted) => quoted.strip_suffix('"')?,
        None if !raw.starts_with("W/") => raw,
        None => return None,
    };
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The version a write expects, as parsed from the request but not yet judged: a write checks
/// its own values first and only then `?`s this, so a request that is wrong on both counts is
/// told what to fix (422) rather than to reload (412).
pub type Precondition = Result<Option<i64>, ApiError>;

pub fn expected_version(
    req: &HttpRequest,
    body_version: Option<i64>,
) -> Result<Option<i64>, ApiError> {
    let header_version = match req.headers().get(header::IF_MATCH) {
        None => None,
        Some(v) => Some(parse_etag(v.to_str().unwrap_or_default()).ok_or_else(|| {
            ApiError::bad_param("If-Match", "must be an ETag this API issued, e.g. \"3\"")
        })?),
    };
    match (header_version, body_version) {
        // Two different versions cannot both be current: the precondition fails either way.
        (Some(h), Some(b)) if h != b => Err(ApiError::new(
            ErrorCode::VersionMismatch,
            format!("`version` {b} and If-Match {h} disagree; send the version you read"),
        )
        .on_field("version", "differs from the If-Match header")),
        (h, b) => Ok(h.or(b)),
    }
}

/// Refuses the change when the record moved on since the client read it.
pub fn check(expected: Option<i64>, current: i64) -> Result<(), ApiError> {
    match expected {
        Some(v) if v != current => Err(ApiError::new(
            ErrorCode::VersionMismatch,
            format!(
                "the record changed since you read it (you edited version {v}, it is now {current}); reload and retry"
            ),
        )),
        _ => Ok(()),
    }
}

/// The conditional write found another version than the one just read: a concurrent writer won.
pub fn lost_race() -> ApiError {
    ApiError::new(
        ErrorCode::VersionMismatch,
        "the record changed while you were editing; reload and retry",
    )
}

/// The ETag for a version.
pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn version_from_header_or_body() {
        let table: &[(Option<&str>, Option<i64>, Result<Option<i64>, ()>)] = &[
            (None, None, Ok(None)),
            (None, Some(3), Ok(Some(3))),
            (Some("\"4\""), None, Ok(Some(4))),
            (Some("W/\"4\""), Some(4), Ok(Some(4))),
            (Some("\"4\""), Some(5), Err(())),
            (Some("4"), None, Ok(Some(4))),
            (Some("abc"), None, Err(())),
            // Only the shapes the OpenAPI pattern declares.
            (Some("W/4"), None, Err(())),
            (Some("\"4"), None, Err(())),
            (Some("\"-4\""), None, Err(())),
            (Some("\"\""), None, Err(())),
            (Some("\"1234567890123456789\""), None, Err(())),
            (Some("w/\"4\""), None, Err(())),
        ];
        for (h, b, want) in table {
            let mut req = TestRequest::default();
            if let Some(h) = h {
                req = req.insert_header((header::IF_MATCH, *h));
            }
            let got = expected_version(&req.to_http_request(), *b).map_err(|_| ());
            assert_eq!(got, *want, "{h:?} {b:?}");
        }
    }

    #[test]
    fn stale_versions_are_refused() {
        assert!(check(None, 7).is_ok());
        assert!(check(Some(7), 7).is_ok());
        assert_eq!(
            check(Some(6), 7).unwrap_err().code,
            ErrorCode::VersionMismatch
        );
    }
}
