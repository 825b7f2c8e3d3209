//! Typed client for the Closebook API over the shared DTOs, one module per resource; pages call
//! those, never a path. Every failure decodes to the shared
//! `Problem`, so pages show the server's own message and field errors. An expired access token is
//! refreshed once, transparently; if that fails the session ends and the user is sent to sign in.

pub mod activities;
pub mod allocations;
pub mod audit;
pub mod catalogue;
pub mod commissions;
pub mod insight;
pub mod leads;
pub mod me;
pub mod notifications;
pub mod orders;
pub mod partner_invoices;
pub mod partners;
pub mod pipelines;
pub mod plans;
pub mod resources;
pub mod scripts;
pub mod service_tokens;
pub mod session;
pub mod shipments;
pub mod support;
pub mod teams;
pub mod territories;
pub mod users;

use closebook_shared::{ErrorCode, Problem};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

pub use session::Session;

pub type ApiResult<T> = Result<T, Problem>;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Patch,
    Put,
    Delete,
}

fn builder(method: Method, path: &str) -> RequestBuilder {
    let url = format!("/api/v1{path}");
    match method {
        Method::Get => Request::get(&url),
        Method::Post => Request::post(&url),
        Method::Patch => Request::patch(&url),
        Method::Put => Request::put(&url),
        Method::Delete => Request::delete(&url),
    }
}

fn network(e: impl std::fmt::Display) -> Problem {
    Problem::new(
        ErrorCode::ServiceUnavailable,
        format!("Cannot reach Closebook: {e}"),
    )
}

/// What a request carries.
#[derive(Clone)]
enum Body {
    Json(serde_json::Value),
    /// A file as it is, with its own type (an image upload).
    File(web_sys::File),
}

async fn send_once(
    method: Method,
    path: &str,
    body: Option<&Body>,
    token: Option<&str>,
    accept: &str,
) -> ApiResult<Response> {
    let mut b = builder(method, path).header("Accept", accept);
    if let Some(t) = token {
        b = b.header("Authorization", &format!("Bearer {t}"));
    }
    let req = match body {
        Some(Body::Json(v)) => b.json(v).map_err(network)?,
        Some(Body::File(f)) => b
            .header("Content-Type", &f.type_())
            .body(wasm_bindgen::JsValue::from(f.clone()))
            .map_err(network)?,
        None => b.build().map_err(network)?,
    };
    req.send().await.map_err(network)
}

async fn problem_of(res: Response) -> Problem {
    let status = res.status();
    match res.json::<Problem>().await {
        // An edit made over someone else's: say so in the user's terms.
        Ok(mut p) if p.code == ErrorCode::VersionMismatch => {
            p.detail = "Someone else changed this since you opened it. Reload to see their \
                        changes, then make yours again."
                .into();
            p
        }
        Ok(p) => p,
        Err(_) => {
            let mut p = Problem::new(
                ErrorCode::Internal,
                format!("Unexpected response ({status})"),
            );
            p.status = status;
            p
        }
    }
}

/// Sends a request as the signed-in user, refreshing the access token once if it has expired.
async fn send(method: Method, path: &str, body: Option<serde_json::Value>) -> ApiResult<Response> {
    send_accepting(method, path, body.map(Body::Json), "application/json").await
}

async fn send_accepting(
    method: Method,
    path: &str,
    body: Option<Body>,
    accept: &str,
) -> ApiResult<Response> {
    let token = Session::access_token();
    let res = send_once(method, path, body.as_ref(), token.as_deref(), accept).await?;
    if res.status() != 401 || token.is_none() {
        return Ok(res);
    }
    if session::refresh().await {
        let token = Session::access_token();
        let retry = send_once(method, path, body.as_ref(), token.as_deref(), accept).await?;
        if retry.status() != 401 {
            return Ok(retry);
        }
    }
    Session::expire("Your session has expired. Please sign in again.");
    Err(problem_of(res).await)
}

pub async fn call<T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: Option<serde_json::Value>,
) -> ApiResult<T> {
    answer(send(method, path, body).await?).await
}

async fn answer<T: DeserializeOwned>(res: Response) -> ApiResult<T> {
    if !res.ok() {
        return Err(problem_of(res).await);
    }
    res.json::<T>()
        .await
        .map_err(|e| Problem::new(ErrorCode::Internal, format!("Unreadable response: {e}")))
}

/// POSTs a file as the body, sent as its own type (an image as `image/png`, …).
pub async fn upload<T: DeserializeOwned>(path: &str, file: web_sys::File) -> ApiResult<T> {
    let res = send_accepting(
        Method::Post,
        path,
        Some(Body::File(file)),
        "application/json",
    );
    answer(res.await?).await
}

/// For answers without a body (204).
pub async fn call_empty(
    method: Method,
    path: &str,
    body: Option<serde_json::Value>,
) -> ApiResult<()> {
    let res = send(method, path, body).await?;
    if res.ok() {
        Ok(())
    } else {
        Err(problem_of(res).await)
    }
}

/// Fetches a file (a CSV, a PDF) as the signed-in user and hands it to the browser to save: a
/// plain link could not carry the bearer token.
pub async fn download(path: &str, accept: &str, file_name: &str) -> ApiResult<()> {
    let res = send_accepting(Method::Get, path, None, accept).await?;
    if !res.ok() {
        return Err(problem_of(res).await);
    }
    let bytes = res.binary().await.map_err(network)?;
    save(&bytes, accept, file_name)
        .map_err(|e| Problem::new(ErrorCode::Internal, format!("Cannot save the file: {e:?}")))
}

fn save(bytes: &[u8], mime: &str, file_name: &str) -> Result<(), wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    web_sys::Url::revoke_object_url(&url)
}

pub fn to_json<T: Serialize>(v: &T) -> Option<serde_json::Value> {
    serde_json::to_value(v).ok()
}

pub async fn get<T: DeserializeOwned>(path: &str) -> ApiResult<T> {
    call(Method::Get, path, None).await
}

pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> ApiResult<T> {
    call(Method::Post, path, to_json(body)).await
}

pub async fn patch<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> ApiResult<T> {
    call(Method::Patch, path, to_json(body)).await
}

pub async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> ApiResult<T> {
    call(Method::Put, path, to_json(body)).await
}

/// Sign-in and refresh use no access token.
pub async fn post_public<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> ApiResult<T> {
    let body = to_json(body).map(Body::Json);
    let res = send_once(Method::Post, path, body.as_ref(), None, "application/json").await?;
    answer(res).await
}

/// `?…` from a shared query type (absent fields left out), or nothing when every field is.
pub fn query_string<Q: Serialize>(q: &Q) -> String {
    match serde_urlencoded::to_string(q) {
        Ok(qs) if !qs.is_empty() => format!("?{qs}"),
        _ => String::new(),
    }
}

/// The message of a problem's error on one field, for inline form messages.
pub fn field_error(problem: &Option<Problem>, field: &str) -> Option<String> {
    problem
        .as_ref()?
        .errors
        .iter()
        .find(|e| e.field == field || e.field.starts_with(&format!("{field}.")))
        .map(|e| e.message.clone())
}
