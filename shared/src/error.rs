//! The error contract: every failed request answers with an RFC 9457 problem document carrying a
//! stable machine `code`. Clients branch on `code`, never on `title` or `detail` text.

use serde::{Deserialize, Serialize};

/// Stable, machine-readable error codes. New codes may be added; existing ones never change meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request is malformed in a way not covered by a more specific code.
    BadRequest,
    /// The body is not valid JSON, or a field has the wrong type or an unknown value.
    MalformedBody,
    /// The body parsed but one or more fields break a rule; see `errors`.
    ValidationFailed,
    /// The body is not `application/json`.
    UnsupportedMediaType,
    /// The body exceeds the size limit.
    PayloadTooLarge,
    /// No valid credentials were presented.
    Unauthenticated,
    /// Email or password is wrong (deliberately not saying which).
    InvalidCredentials,
    /// The account is deactivated.
    AccountDisabled,
    /// The refresh token is unknown, expired, spent or revoked.
    InvalidRefreshToken,
    /// The caller is authenticated but may not do this.
    Forbidden,
    /// The user signed in with a temporary password and must set a new one first
    /// (`POST /api/v1/me/password`).
    PasswordChangeRequired,
    /// No such resource, or the caller may not know it exists.
    NotFound,
    /// The request conflicts with existing data (for example a duplicate email).
    Conflict,
    /// A field names a record that does not exist or cannot be used here (a deactivated user,
    /// another pipeline's stage); `errors` names the field. A 409, not a 422: the request is
    /// well-formed, and the same request succeeds once the record exists.
    InvalidReference,
    /// The `version`/`If-Match` the client sent is not the current one: someone else changed it.
    VersionMismatch,
    /// The same `Idempotency-Key` was used with a different request. A 409: the request itself
    /// is valid and succeeds under a fresh key; it conflicts with what the key already records.
    IdempotencyKeyReused,
    /// A request with this `Idempotency-Key` is still being processed.
    IdempotencyKeyInFlight,
    /// This `Idempotency-Key` belongs to a request that completed more than the retention
    /// period ago; its effect stands (see `Location`), but its full response is no longer kept.
    /// It is never run a second time: use a new key for a new request.
    IdempotencyKeyExpired,
    /// Too many requests; retry after the `Retry-After` header.
    RateLimited,
    /// Too many failed sign-ins for this account or address; retry after `Retry-After`.
    TooManyLoginAttempts,
    /// The route exists but not for this HTTP method.
    MethodNotAllowed,
    /// A dependency (usually the database) is unavailable.
    ServiceUnavailable,
    /// An unexpected server error; the request id identifies it in the logs.
    Internal,
}

impl ErrorCode {
    /// The HTTP status this code is answered with.
    pub const fn status(self) -> u16 {
        match self {
            Self::BadRequest | Self::MalformedBody => 400,
            Self::Unauthenticated | Self::InvalidCredentials | Self::InvalidRefreshToken => 401,
            Self::AccountDisabled | Self::Forbidden | Self::PasswordChangeRequired => 403,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::Conflict
            | Self::InvalidReference
            | Self::IdempotencyKeyReused
            | Self::IdempotencyKeyInFlight
            | Self::IdempotencyKeyExpired => 409,
            Self::VersionMismatch => 412,
            Self::PayloadTooLarge => 413,
            Self::UnsupportedMediaType => 415,
            Self::ValidationFailed => 422,
            Self::RateLimited | Self::TooManyLoginAttempts => 429,
            Self::Internal => 500,
            Self::ServiceUnavailable => 503,
        }
    }

    /// A short, human summary that does not vary between occurrences (RFC 9457 `title`).
    pub const fn title(self) -> &'static str {
        match self {
            Self::BadRequest => "Bad request",
            Self::MalformedBody => "Malformed request body",
            Self::ValidationFailed => "Validation failed",
            Self::UnsupportedMediaType => "Unsupported media type",
            Self::PayloadTooLarge => "Request body too large",
            Self::Unauthenticated => "Authentication required",
            Self::InvalidCredentials => "Invalid email or password",
            Self::AccountDisabled => "Account disabled",
            Self::InvalidRefreshToken => "Invalid refresh token",
            Self::Forbidden => "Forbidden",
            Self::PasswordChangeRequired => "Password change required",
            Self::NotFound => "Not found",
            Self::Conflict => "Conflict",
            Self::InvalidReference => "Invalid reference",
            Self::VersionMismatch => "Version mismatch",
            Self::IdempotencyKeyReused => "Idempotency key reused",
            Self::IdempotencyKeyInFlight => "Idempotent request in progress",
            Self::IdempotencyKeyExpired => "Idempotency key expired",
            Self::RateLimited => "Too many requests",
            Self::TooManyLoginAttempts => "Too many failed sign-in attempts",
            Self::MethodNotAllowed => "Method not allowed",
            Self::ServiceUnavailable => "Service unavailable",
            Self::Internal => "Internal server error",
        }
    }

    /// The snake_case wire name, as serialised.
    pub fn as_str(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// Path of the field in the request, e.g. `email` or `base_salary.amount`; for query
    /// parameters the parameter name.
    pub field: String,
    /// What is wrong with it, in plain words.
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// RFC 9457 problem details, served as `application/problem+json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// A URI naming the problem type: `urn:closebook:problem:<code>`.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// Short summary of the problem type.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong in this occurrence.
    pub detail: String,
    /// Stable machine code.
    pub code: ErrorCode,
    /// Field-level errors, for validation problems.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// The request id, to quote when reporting the problem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

impl Problem {
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self {
            problem_type: format!("urn:closebook:problem:{}", code.as_str()),
            title: code.title().to_owned(),
            status: code.status(),
            detail: detail.into(),
            code,
            errors: Vec::new(),
            request_id: None,
        }
    }

    pub fn with_errors(mut self, errors: Vec<FieldError>) -> Self {
        self.errors = errors;
        self
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.title, self.detail)?;
        for e in &self.errors {
            write!(f, "; {}: {}", e.field, e.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for Problem {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_their_statuses() {
        let table = [
            (ErrorCode::MalformedBody, 400, "malformed_body"),
            (ErrorCode::ValidationFailed, 422, "validation_failed"),
            (ErrorCode::Unauthenticated, 401, "unauthenticated"),
            (ErrorCode::Forbidden, 403, "forbidden"),
            (ErrorCode::VersionMismatch, 412, "version_mismatch"),
            (
                ErrorCode::IdempotencyKeyReused,
                409,
                "idempotency_key_reused",
            ),
            (
                ErrorCode::IdempotencyKeyExpired,
                409,
                "idempotency_key_expired",
            ),
            (ErrorCode::InvalidReference, 409, "invalid_reference"),
            (ErrorCode::PayloadTooLarge, 413, "payload_too_large"),
            (
                ErrorCode::TooManyLoginAttempts,
                429,
                "too_many_login_attempts",
            ),
        ];
        for (code, status, name) in table {
            assert_eq!(code.status(), status, "{name}");
            assert_eq!(code.as_str(), name);
        }
    }

    #[test]
    fn problem_serialises_rfc9457_members() {
        let p = Problem::new(ErrorCode::ValidationFailed, "bad")
            .with_errors(vec![FieldError::new("email", "must be an email address")]);
        let v = serde_json::to_value(&p).unwrap();
        assert_eq!(v["type"], "urn:closebook:problem:validation_failed");
        assert_eq!(v["status"], 422);
        assert_eq!(v["errors"][0]["field"], "email");
        assert!(v.get("request_id").is_none());
    }
}
