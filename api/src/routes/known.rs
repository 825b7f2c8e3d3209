//! The API's routes as the OpenAPI document lists them, so an unmatched request can be told
//! apart: a known path with another method is a 405 with `Allow`, anything else a 404.
//! (actix registers each handler as its own resource, so it only ever reports "no match".)

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use closebook_shared::ErrorCode;

use crate::error::ApiError;

pub struct KnownRoutes(Vec<(Vec<String>, Vec<String>)>);

impl KnownRoutes {
    pub fn from_spec(spec: &utoipa::openapi::OpenApi) -> Self {
        let routes = spec
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let segments = path.split('/').map(str::to_owned).collect();
                let methods = [
                    ("GET", item.get.is_some()),
                    ("POST", item.post.is_some()),
                    ("PUT", item.put.is_some()),
                    ("PATCH", item.patch.is_some()),
                    ("DELETE", item.delete.is_some()),
                ]
                .into_iter()
                .filter(|(_, has)| *has)
                .map(|(m, _)| m.to_owned())
                .collect();
                (segments, methods)
            })
            .collect();
        Self(routes)
    }

    /// Methods allowed on `path` when a route spells it out, with no placeholder.
    pub fn literal(&self, path: &str) -> Option<&[String]> {
        let wanted: Vec<&str> = path.split('/').collect();
        self.0
            .iter()
            .find(|(segments, _)| {
                segments
                    .iter()
                    .map(String::as_str)
                    .eq(wanted.iter().copied())
            })
            .map(|(_, methods)| methods.as_slice())
    }

    /// Methods allowed on `path`, when some route has that shape (`{id}` matches any segment).
    pub fn allowed(&self, path: &str) -> Option<&[String]> {
        let wanted: Vec<&str> = path.split('/').collect();
        self.0
            .iter()
            .find(|(segments, _)| {
                segments.len() == wanted.len()
                    && segments
                        .iter()
                        .zip(&wanted)
                        .all(|(s, w)| s.starts_with('{') || s == w)
            })
            .map(|(_, methods)| methods.as_slice())
    }
}

pub async fn unmatched(req: HttpRequest, known: web::Data<KnownRoutes>) -> HttpResponse {
    match known.allowed(req.path()) {
        Some(methods) => method_not_allowed(req.method(), methods),
        None => ApiError::new(ErrorCode::NotFound, "no such API endpoint").error_response(),
    }
}

/// 405 naming the methods the path takes, in `Allow` too.
pub fn method_not_allowed(method: &actix_web::http::Method, methods: &[String]) -> HttpResponse {
    let mut res = ApiError::new(
        ErrorCode::MethodNotAllowed,
        format!("{method} is not supported here; use {}", methods.join(", ")),
    )
    .error_response();
    if let Ok(v) = header::HeaderValue::from_str(&methods.join(", ")) {
        res.headers_mut().insert(header::ALLOW, v);
    }
    res
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_shapes_not_values() {
        let spec = crate::openapi_document();
        let known = super::KnownRoutes::from_spec(&spec);
        assert_eq!(
            known.allowed("/api/v1/users").map(<[String]>::to_vec),
            Some(vec!["GET".to_owned(), "POST".to_owned()])
        );
        assert!(
            known
                .allowed("/api/v1/users/0190-anything")
                .is_some_and(|m| m.contains(&"PATCH".to_owned()))
        );
        assert_eq!(known.allowed("/api/v1/nothing"), None);
        assert_eq!(known.allowed("/api/v1/users/a/b/c"), None);
    }
}
