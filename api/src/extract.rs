//! Request extractors that turn bad input into problem responses naming the field:
//! [`Json`] (body: content type, size, syntax, types, then garde rules) and [`Query`].

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{FromRequest, HttpRequest};
use closebook_shared::{ErrorCode, FieldError};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// Request bodies are at most 1 MiB (DESIGN.md §4); uploads have their own limit.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// The largest body any route accepts (a product image); what a layer that reads every body
/// before its route does (the idempotency fingerprint) may buffer. Each route still enforces
/// its own limit.
pub const UPLOAD_LIMIT: usize = closebook_shared::catalogue::MAX_IMAGE_BYTES;

/// Reads a whole body of at most `limit` bytes: 413 naming the limit when it is longer (told
/// by `Content-Length` before reading, or counted while reading one sent in chunks).
pub async fn read_body<S, E>(
    req: &HttpRequest,
    payload: &mut S,
    limit: usize,
) -> Result<Bytes, ApiError>
where
    S: futures_util::Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    use futures_util::StreamExt;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large(limit));
    }
    let mut body = actix_web::web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| {
            ApiError::new(
                ErrorCode::BadRequest,
                format!("could not read the body: {e}"),
            )
        })?;
        if body.len() + chunk.len() > limit {
            return Err(too_large(limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

fn too_large(limit: usize) -> ApiError {
    ApiError::new(
        ErrorCode::PayloadTooLarge,
        format!("the body exceeds the {limit} byte limit"),
    )
}

/// A JSON body, deserialised and validated.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T> std::ops::Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> FromRequest for Json<T>
where
    T: DeserializeOwned + garde::Validate<Context = ()> + 'static,
{
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let content_type_ok = is_json(req);
        let bytes = Bytes::from_request(req, payload);
        Box::pin(async move {
            if !content_type_ok {
                return Err(ApiError::new(
                    ErrorCode::UnsupportedMediaType,
                    "send the body as application/json",
                ));
            }
            let bytes = bytes.await.map_err(payload_error)?;
            let value: T = parse_json(&bytes)?;
            value.validate()?;
            Ok(Json(value))
        })
    }
}

fn is_json(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|mime| {
            let mime = mime.trim().to_ascii_lowercase();
            mime == "application/json"
                || (mime.starts_with("application/") && mime.ends_with("+json"))
        })
        .unwrap_or(false)
}

pub(crate) fn payload_error(e: actix_web::Error) -> ApiError {
    if e.as_response_error().status_code() == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE {
        return too_large(BODY_LIMIT);
    }
    ApiError::new(
        ErrorCode::BadRequest,
        format!("could not read the body: {e}"),
    )
}

/// Deserialises JSON, naming the offending field on a type, value, or missing-field error.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if bytes.is_empty() {
        return Err(ApiError::new(
            ErrorCode::MalformedBody,
            "the body is empty; send a JSON object",
        ));
    }
    if let Some(field) = nul_in_json(bytes) {
        return Err(ApiError::validation(vec![FieldError::new(
            field,
            NUL_MESSAGE,
        )]));
    }
    // The common case, straight from the bytes. An object body that fails on its data is read
    // again through a `Value`, which can read `3.0` as an integer before giving up.
    let starts_as_object = bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{');
    if starts_as_object {
        let de = &mut serde_json::Deserializer::from_slice(bytes);
        match serde_path_to_error::deserialize(de) {
            Ok(value) => return Ok(value),
            Err(e) if e.inner().classify() != serde_json::error::Category::Data => {
                return Err(problem_of(e));
            }
            Err(_) => {}
        }
    }
    let mut value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        ApiError::new(
            ErrorCode::MalformedBody,
            format!("the body is not valid JSON: {e}"),
        )
    })?;
    // Every request body is an object; serde would otherwise fill a struct from an array.
    if !value.is_object() {
        return Err(ApiError::validation(vec![FieldError::new(
            "body",
            "must be a JSON object",
        )]));
    }
    integral_floats_as_integers(&mut value);
    serde_path_to_error::deserialize(value).map_err(problem_of)
}

const NUL_MESSAGE: &str = "must not contain the NUL character (U+0000)";

/// Where a body's text holds U+0000, which no text column stores (PostgreSQL refuses it; SQLite
/// would keep it, so both refuse it here). JSON can only carry it escaped, so bodies without
/// `\u0000` are passed over at the cost of one scan; the rest are walked to name the field.
fn nul_in_json(bytes: &[u8]) -> Option<String> {
    fn walk(v: &serde_json::Value, at: &str) -> Option<String> {
        use serde_json::Value;
        let join = |key: &str| {
            if at.is_empty() {
                key.to_owned()
            } else {
                format!("{at}.{key}")
            }
        };
        match v {
            Value::String(text) if text.contains('\0') => Some(at.to_owned()),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .find_map(|(i, item)| walk(item, &format!("{at}[{i}]"))),
            Value::Object(fields) => fields.iter().find_map(|(key, value)| {
                if key.contains('\0') {
                    Some(join(&key.replace('\0', "\\u0000")))
                } else {
                    walk(value, &join(key))
                }
            }),
            _ => None,
        }
    }
    if !bytes.windows(6).any(|w| w == b"\\u0000") {
        return None;
    }
    let value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    walk(&value, "").map(|field| {
        if field.is_empty() {
            "body".to_owned()
        } else {
            field
        }
    })
}

/// A deserialisation error as the problem a client gets: a wrong field is a 422 naming it,
/// anything else a malformed body.
fn problem_of(e: serde_path_to_error::Error<serde_json::Error>) -> ApiError {
    let path = e.path().to_string();
    let inner = e.into_inner();
    match inner.classify() {
        serde_json::error::Category::Data => {
            let (field, message) = describe_data_error(&path, &inner.to_string());
            ApiError::validation(vec![FieldError::new(field, message)])
        }
        _ => ApiError::new(
            ErrorCode::MalformedBody,
            format!("the body is not valid JSON: {inner}"),
        ),
    }
}

/// JSON Schema (and so the OpenAPI document) counts `3.0` as an integer; serde does not. So a
/// number with no fractional part that fits an `i64` is read as that integer.
fn integral_floats_as_integers(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f.abs() < 9.007_199_254_740_992e15
            {
                #[allow(clippy::cast_possible_truncation)]
                let i = f as i64;
                *v = Value::from(i);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_floats_as_integers),
        Value::Object(fields) => fields.values_mut().for_each(integral_floats_as_integers),
        _ => {}
    }
}

/// serde reports a missing field at its parent's path and an unknown one by name in the message;
/// both are moved into `field` so clients can attach the message to the right input.
fn describe_data_error(path: &str, message: &str) -> (String, String) {
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(message)
        .to_owned();
    let join = |name: &str| {
        if path == "." || path.is_empty() {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        }
    };
    if let Some(name) = backticked_after(&message, "missing field `") {
        return (join(&name), "is required".into());
    }
    if let Some(name) = backticked_after(&message, "unknown field `") {
        // Some deserialisers already put the unknown key on the path, some do not.
        let field = if path == name || path.ends_with(&format!(".{name}")) {
            path.to_owned()
        } else {
            join(&name)
        };
        return (field, "is not a known field".into());
    }
    let field = if path == "." {
        String::new()
    } else {
        path.to_owned()
    };
    (field, message)
}

fn backticked_after(message: &str, prefix: &str) -> Option<String> {
    let rest = message.strip_prefix(prefix)?;
    rest.split('`').next().map(str::to_owned)
}

/// Query parameters, deserialised with the parameter named on error (400).
#[derive(Debug)]
pub struct Query<T>(pub T);

impl<T> std::ops::Deref for Query<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(parse_query(req.query_string()).map(Query))
    }
}

pub fn parse_query<T: DeserializeOwned>(qs: &str) -> Result<T, ApiError> {
    if qs.contains("%00")
        && let Some((name, _)) = url_pairs(qs).find(|(k, v)| k.contains('\0') || v.contains('\0'))
    {
        return Err(ApiError::bad_param(name.replace('\0', "%00"), NUL_MESSAGE));
    }
    let de = serde_urlencoded::Deserializer::new(url_pairs(qs));
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let message = e.into_inner().to_string();
        let (field, message) = describe_data_error(&path, &message);
        ApiError::bad_param(field, message)
    })
}

fn url_pairs(qs: &str) -> form_urlencoded::Parse<'_> {
    form_urlencoded::parse(qs.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        email: String,
        age: Option<u32>,
        role: closebook_shared::Role,
        salary: Option<closebook_shared::Money>,
    }

    #[test]
    fn data_errors_name_the_field() {
        let table = [
            (r#"{"role":"admin"}"#, "email", "is required"),
            (
                r#"{"email":"a","role":"admin","age":"x"}"#,
                "age",
                "invalid type",
            ),
            (r#"{"email":"a","role":"king"}"#, "role", "unknown variant"),
            (
                r#"{"email":"a","role":"admin","nick":1}"#,
                "nick",
                "is not a known field",
            ),
            (
                r#"{"email":"a","role":"admin","salary":{"amount":"1"}}"#,
                "salary.currency",
                "is required",
            ),
            (
                r#"{"email":"a","role":"admin","salary":{"amount":"x","currency":"USD"}}"#,
                "salary.amount",
                "",
            ),
        ];
        for (json, field, msg) in table {
            let err = parse_json::<Body>(json.as_bytes()).unwrap_err();
            assert_eq!(err.code, ErrorCode::ValidationFailed, "{json}");
            assert_eq!(err.errors[0].field, field, "{json}");
            assert!(
                err.errors[0].message.contains(msg),
                "{json}: {}",
                err.errors[0].message
            );
        }
    }

    #[test]
    fn integral_floats_are_integers_as_json_schema_says() {
        #[derive(Debug, Deserialize, PartialEq)]
        struct N {
            n: i64,
            nested: Vec<i32>,
            lat: f64,
        }
        let table: [(&str, Option<N>); 4] = [
            (
                r#"{"n": 244.0, "nested": [1.0, -2], "lat": 5}"#,
                Some(N {
                    n: 244,
                    nested: vec![1, -2],
                    lat: 5.0,
                }),
            ),
            (r#"{"n": 1.5, "nested": [], "lat": 0}"#, None),
            // Near 2^52 a float parse one ULP off would make this 4483267056757734.5.
            (
                r#"{"n": 4483267056757734.0, "nested": [], "lat": 0}"#,
                Some(N {
                    n: 4_483_267_056_757_734,
                    nested: vec![],
                    lat: 0.0,
                }),
            ),
            (r#"{"n": 1e300, "nested": [], "lat": 0}"#, None),
        ];
        for (json, want) in table {
            assert_eq!(parse_json::<N>(json.as_bytes()).ok(), want, "{json}");
        }
    }

    #[test]
    fn syntax_errors_are_malformed_body() {
        for json in ["", "{", "not json", r#"{"email": }"#] {
            let err = parse_json::<Body>(json.as_bytes()).unwrap_err();
            assert_eq!(err.code, ErrorCode::MalformedBody, "{json}");
        }
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Q {
        limit: Option<u32>,
        active: Option<bool>,
    }

    #[test]
    fn query_errors_name_the_parameter() {
        let table = [
            ("limit=abc", "limit"),
            ("active=maybe", "active"),
            ("colour=red", "colour"),
        ];
        for (qs, field) in table {
            let err = parse_query::<Q>(qs).unwrap_err();
            assert_eq!(err.code, ErrorCode::BadRequest, "{qs}");
            assert_eq!(err.errors[0].field, field, "{qs}");
        }
        assert!(parse_query::<Q>("limit=5&active=true").is_ok());
    }

    #[test]
    fn nul_in_text_is_refused_naming_where() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct T {
            name: Option<String>,
            tags: Option<Vec<String>>,
            inner: Option<std::collections::BTreeMap<String, String>>,
        }
        let table: [(&str, Option<&str>); 6] = [
            (r#"{"name": "a\u0000b"}"#, Some("name")),
            (r#"{"tags": ["ok", "\u0000"]}"#, Some("tags[1]")),
            (r#"{"inner": {"k\u0000": "v"}}"#, Some("inner.k\\u0000")),
            (r#"{"inner": {"k": "\u0000"}}"#, Some("inner.k")),
            // An escaped backslash followed by the text "u0000" is no NUL.
            (r#"{"name": "\\u0000"}"#, None),
            (r#"{"name": "\u0001"}"#, None),
        ];
        for (json, field) in table {
            match (parse_json::<T>(json.as_bytes()), field) {
                (Ok(_), None) => {}
                (Err(e), Some(field)) => {
                    assert_eq!(e.code, ErrorCode::ValidationFailed, "{json}");
                    assert_eq!(e.errors[0].field, field, "{json}");
                }
                (got, want) => panic!("{json}: got {got:?}, want error on {want:?}"),
            }
        }
        let err = parse_query::<Q>("limit=5&colour=a%00").unwrap_err();
        assert_eq!(
            (err.code, err.errors[0].field.as_str()),
            (ErrorCode::BadRequest, "colour")
        );
    }
}
