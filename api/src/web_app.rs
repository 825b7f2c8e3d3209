//! Serves the built web app (Trunk's `web/dist`) at `/`, with the SPA fallback: any other path
//! that is not a file gets its portal's `index.html` (`office/index.html` for `/admin…`, the
//! root one for the field portal's pages; `closebook_shared::portal`), so deep links load the app.
//!
//! Delivery is tuned for phones on slow links: the build writes brotli and gzip siblings of each
//! file (`scripts/compress-web`), sent here by content negotiation (`Vary: Accept-Encoding`)
//! instead of compressing a 1 MB wasm on every request; files whose names carry Trunk's content
//! hash are cached for a year as immutable, and `index.html`, which names the current hashes,
//! is revalidated on every load.

use std::path::{Path, PathBuf};

use actix_files::NamedFile;
use actix_web::http::header::{self, ContentEncoding, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use closebook_shared::portal::Portal;

pub fn configure(cfg: &mut web::ServiceConfig, web_dir: Option<PathBuf>) {
    match web_dir.filter(|d| d.join("index.html").is_file()) {
        Some(dir) => {
            let dir = web::Data::new(WebDir(dir));
            cfg.app_data(dir).default_service(web::to(
                |req: HttpRequest, dir: web::Data<WebDir>| async move { serve(&req, &dir.0).await },
            ));
        }
        None => {
            cfg.default_service(web::to(not_built));
        }
    }
}

struct WebDir(PathBuf);

async fn serve(req: &HttpRequest, dir: &Path) -> actix_web::Result<HttpResponse> {
    let file = file_for(dir, req.path()).unwrap_or_else(|| shell_for(dir, req.path()));
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    let accepted = accepted_encodings(req);
    let mime = actix_files::file_extension_to_mime(
        file.extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default(),
    );
    let mut chosen = None;
    for (encoding, suffix) in [
        (ContentEncoding::Brotli, "br"),
        (ContentEncoding::Gzip, "gz"),
    ] {
        let sibling = file.with_file_name(format!("{name}.{suffix}"));
        if accepted.contains(&encoding) && sibling.is_file() {
            chosen = Some((encoding, sibling));
            break;
        }
    }
    let named = match chosen {
        Some((encoding, sibling)) => NamedFile::open_async(sibling)
            .await?
            .set_content_encoding(encoding),
        None => NamedFile::open_async(&file).await?,
    };
    // The type is the original file's; the disposition, which actix-files derives from the
    // (compressed) file's own name, would otherwise make a browser download the page.
    let mut res = named
        .set_content_type(mime)
        .disable_content_disposition()
        .prefer_utf8(true)
        .into_response(req);
    let headers = res.headers_mut();
    headers.insert(header::CACHE_CONTROL, cache_control(&name));
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    Ok(res)
}

/// The file a URL path names inside `dir`, if it is one. Only plain names: no `..`, no hidden
/// files (the `.br`/`.gz` siblings are reached by negotiation, not by name).
fn file_for(dir: &Path, path: &str) -> Option<PathBuf> {
    let mut file = dir.to_path_buf();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        if segment.starts_with('.') || segment.contains('\\') || segment.contains('%') {
            return None;
        }
        file.push(segment);
    }
    let name = file.file_name()?.to_str()?;
    if name.ends_with(".br") || name.ends_with(".gz") {
        return None;
    }
    file.is_file().then_some(file)
}

/// The page shell of the portal `path` belongs to (the field portal's when that portal is not
/// built).
fn shell_for(dir: &Path, path: &str) -> PathBuf {
    let own = dir.join(Portal::of_path(path).dir()).join("index.html");
    if own.is_file() {
        own
    } else {
        dir.join("index.html")
    }
}

/// Encodings the client accepts (brotli, gzip), ignoring those it refuses with `q=0`.
fn accepted_encodings(req: &HttpRequest) -> Vec<ContentEncoding> {
    let Some(value) = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
    else {
        return Vec::new();
    };
    value
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';').map(str::trim);
            let coding = parts.next()?.to_ascii_lowercase();
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            match (coding.as_str(), refused) {
                ("br", false) => Some(ContentEncoding::Brotli),
                ("gzip", false) => Some(ContentEncoding::Gzip),
                _ => None,
            }
        })
        .collect()
}

/// Hashed names never change content, so they are cached for good; the shell must be
/// revalidated every time; other assets (fonts) for a day.
fn cache_control(name: &str) -> HeaderValue {
    if name == "index.html" {
        HeaderValue::from_static("no-cache")
    } else if has_content_hash(name) {
        HeaderValue::from_static("public, max-age=31536000, immutable")
    } else {
        HeaderValue::from_static("public, max-age=86400")
    }
}

/// Trunk's hashed names: `stem-<hash>` followed by `.` or `_`, the hash a 64-bit value in hex
/// without leading zeros (`format!("{:x}")`: 16 digits, fewer one build in 16), e.g.
/// `closebook-web-c5fc3886694553cd_bg.wasm`, `closebook-office-180ceec686ad1ac_bg.wasm`.
fn has_content_hash(name: &str) -> bool {
    name.match_indices('-').any(|(i, _)| {
        let rest = &name[i + 1..];
        let digits = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        (12..=16).contains(&digits) && matches!(rest.as_bytes().get(digits), Some(b'.' | b'_'))
    })
}

/// Without a built web app the server still runs the API; say so plainly at `/`.
async fn not_built() -> HttpResponse {
    HttpResponse::NotFound().content_type("text/html; charset=utf-8").body(
        "<!doctype html><title>Closebook</title><h1>Closebook API is running</h1>\
         <p>The web app is not built or CLOSEBOOK_WEB_DIR does not point at it. \
         Build it with <code>scripts/run</code>. API documentation: <a href=\"/api/docs/\">/api/docs/</a>.</p>",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hashed_names_are_recognised() {
        let table = [
            ("closebook-web-c5fc3886694553cd_bg.wasm", true),
            ("closebook-web-c5fc3886694553cd.js", true),
            ("style-d5fbc347222761bf.css", true),
            // A hash with a leading zero is printed one digit shorter.
            ("closebook-office-180ceec686ad1ac_bg.wasm", true),
            ("index.html", false),
            ("inter-latin-400-normal.woff2", false),
            ("style-d5fbc34.css", false),
            ("style-d5fbc347222761bf0.css", false),
            ("style-d5fbc347222761bz.css", false),
        ];
        for (name, hashed) in table {
            assert_eq!(has_content_hash(name), hashed, "{name}");
        }
    }

    #[test]
    fn accept_encoding_is_negotiated() {
        let table: [(&str, &[ContentEncoding]); 5] = [
            (
                "gzip, deflate, br, zstd",
                &[ContentEncoding::Gzip, ContentEncoding::Brotli],
            ),
            ("gzip", &[ContentEncoding::Gzip]),
            ("br;q=1.0, gzip;q=0", &[ContentEncoding::Brotli]),
            ("identity", &[]),
            ("", &[]),
        ];
        for (header_value, want) in table {
            let req = actix_web::test::TestRequest::default()
                .insert_header((header::ACCEPT_ENCODING, header_value))
                .to_http_request();
            assert_eq!(accepted_encodings(&req), want, "{header_value}");
        }
    }

    #[test]
    fn only_plain_files_inside_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("app.js"), "x").unwrap();
        std::fs::write(dir.path().join("app.js.br"), "x").unwrap();
        let table = [
            ("/app.js", true),
            ("/app.js.br", false),
            ("/../app.js", false),
            ("/%2e%2e/app.js", false),
            ("/missing.js", false),
            ("/", false),
        ];
        for (path, found) in table {
            assert_eq!(file_for(dir.path(), path).is_some(), found, "{path}");
        }
    }

    #[test]
    fn office_pages_get_the_office_shell_when_it_is_built() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "field").unwrap();
        let field = dir.path().join("index.html");
        // Not built yet: every page gets the field shell.
        assert_eq!(shell_for(dir.path(), "/admin/users"), field);
        std::fs::create_dir(dir.path().join(Portal::Office.dir())).unwrap();
        std::fs::write(dir.path().join("office/index.html"), "office").unwrap();
        let office = dir.path().join("office/index.html");
        for (path, shell) in [
            ("/", &field),
            ("/leads/1", &field),
            ("/admin/users", &office),
            ("/finance", &office),
            ("/finance/payouts", &office),
            ("/financed", &field),
        ] {
            assert_eq!(&shell_for(dir.path(), path), shell, "{path}");
        }
    }
}
