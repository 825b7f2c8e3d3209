//! Serves the built web app (Trunk's `web/dist`) at `/`, with the SPA fallback: any other path
//! that is not a file gets `index.html`, so deep links like `/admin/users` load the app.

use std::path::{Path, PathBuf};

use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::http::header;
use actix_web::{HttpResponse, web};

pub fn configure(cfg: &mut web::ServiceConfig, web_dir: Option<PathBuf>) {
    match web_dir.filter(|d| d.join("index.html").is_file()) {
        Some(dir) => {
            let index = dir.join("index.html");
            cfg.service(
                Files::new("/", &dir)
                    .index_file("index.html")
                    .prefer_utf8(true)
                    .default_handler(fn_service(move |req: ServiceRequest| {
                        let index = index.clone();
                        async move { spa_index(req, &index).await }
                    })),
            );
        }
        None => {
            cfg.default_service(web::to(not_built));
        }
    }
}

async fn spa_index(req: ServiceRequest, index: &Path) -> Result<ServiceResponse, actix_web::Error> {
    let (req, _) = req.into_parts();
    let mut res = NamedFile::open_async(index).await?.into_response(&req);
    // The shell must never be cached: it names the current hashed bundle.
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-cache"),
    );
    Ok(ServiceResponse::new(req, res))
}

/// Without a built web app the server still runs the API; say so plainly at `/`.
async fn not_built() -> HttpResponse {
    HttpResponse::NotFound().content_type("text/html; charset=utf-8").body(
        "<!doctype html><title>Closebook</title><h1>Closebook API is running</h1>\
         <p>The web app is not built or CLOSEBOOK_WEB_DIR does not point at it. \
         Build it with <code>scripts/run</code>. API documentation: <a href=\"/api/docs/\">/api/docs/</a>.</p>",
    )
}
