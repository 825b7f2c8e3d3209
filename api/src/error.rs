//! The one error type handlers return. It carries the user-facing code where the error happens
//! and keeps the cause for the logs (never for the client).

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use closebook_shared::{ErrorCode, FieldError, Problem};

pub type ApiResult<T> = Result<T, ApiError>;

pub const PROBLEM_JSON: &str = "application/problem+json";

#[derive(Debug)]
pub struct ApiError {
    pub code: ErrorCode,
    pub detail: String,
    pub errors: Vec<FieldError>,
    /// Seconds, for 429 and 503 answers.
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self {
            code,
            detail: detail.into(),
            errors: Vec::new(),
            retry_after: None,
        }
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(ErrorCode::NotFound, format!("{what} not found"))
    }

    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self::new(ErrorCode::Forbidden, detail)
    }

    pub fn unauthenticated(detail: impl Into<String>) -> Self {
        Self::new(ErrorCode::Unauthenticated, detail)
    }

    pub fn conflict(detail: impl Into<String>) -> Self {
        Self::new(ErrorCode::Conflict, detail)
    }

    /// 422 naming the fields that are wrong.
    pub fn validation(errors: Vec<FieldError>) -> Self {
        let names: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        let detail = format!("invalid field(s): {}", names.join(", "));
        Self {
            errors,
            ..Self::new(ErrorCode::ValidationFailed, detail)
        }
    }

    /// 422 for one field.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::validation(vec![FieldError::new(field, message)])
    }

    /// 409 for a field that names a record that does not exist or cannot be used here.
    pub fn reference(field: impl Into<String>, message: impl Into<String>) -> Self {
        let e = FieldError::new(field, message);
        Self {
            detail: format!("`{}` {}", e.field, e.message),
            errors: vec![e],
            ..Self::new(ErrorCode::InvalidReference, "")
        }
    }

    /// 400 for a bad query parameter.
    pub fn bad_param(field: impl Into<String>, message: impl Into<String>) -> Self {
        let e = FieldError::new(field, message);
        Self {
            detail: format!("invalid query parameter `{}`: {}", e.field, e.message),
            errors: vec![e],
            ..Self::new(ErrorCode::BadRequest, "")
        }
    }

    /// Names the field the error is about, so a form can show it next to the input.
    pub fn on_field(mut self, field: impl Into<String>, message: impl Into<String>) -> Self {
        self.errors.push(FieldError::new(field, message));
        self
    }

    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds.max(1));
        self
    }

    /// An unexpected failure: logged in full here, answered as a bare 500.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::new(
            ErrorCode::Internal,
            "an unexpected error occurred; quote the request id when reporting it",
        )
    }

    pub fn pool(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "database pool unavailable");
        Self::new(
            ErrorCode::ServiceUnavailable,
            "the database is unavailable; try again shortly",
        )
        .retry_after(5)
    }

    pub fn to_problem(&self) -> Problem {
        let mut p = Problem::new(self.code, self.detail.clone()).with_errors(self.errors.clone());
        p.detail.clone_from(&self.detail);
        p
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.detail)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        let mut res = HttpResponse::build(self.status_code());
        res.insert_header((header::CONTENT_TYPE, PROBLEM_JSON));
        if let Some(s) = self.retry_after {
            res.insert_header((header::RETRY_AFTER, s.to_string()));
        }
        res.body(serde_json::to_vec(&self.to_problem()).unwrap_or_default())
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match e {
            Error::NotFound => Self::not_found("resource"),
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                Self::conflict(format!("already exists ({})", info.message()))
            }
            Error::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => {
                Self::conflict("a referenced record does not exist or is still referenced")
            }
            Error::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => {
                Self::new(ErrorCode::ServiceUnavailable, "concurrent update; retry").retry_after(1)
            }
            other => Self::internal(format!("database: {other}")),
        }
    }
}

impl From<garde::Report> for ApiError {
    fn from(report: garde::Report) -> Self {
        Self::validation(closebook_shared::validate::field_errors(&report))
    }
}
