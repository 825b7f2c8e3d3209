//! How the web app reaches a phone: pre-compressed bundles by content negotiation, caching that
//! never serves a stale shell, each portal's shell for its pages, and every bundle's
//! compressed-size budget (DESIGN.md §7).

use closebook_e2e::{Server, workspace_root};

/// The budget for what a browser downloads to start the app (wasm + JS + CSS), brotli as every
/// current browser receives it over HTTPS. Fonts (woff2, compressed already) are not counted.
const BUDGET_BYTES: u64 = 400 * 1000;

fn dist() -> std::path::PathBuf {
    let dir = workspace_root().join("web/dist");
    assert!(
        dir.join("index.html").is_file(),
        "web/dist is not built: run `trunk build --release` (scripts/test does)"
    );
    dir
}

/// The portals' bundles: the field app at the root of `web/dist`, the others in their
/// directories (`closebook_shared::portal`).
const PORTALS: [&str; 7] = [
    "",
    "commission",
    "office",
    "territory",
    "insight",
    "partner",
    "partner-account",
];

/// The hashed bundle files Trunk wrote for the field portal: (wasm, js, css) names.
fn bundle_files() -> Vec<String> {
    portal_files("")
}

/// The code files of one portal (its directory under `web/dist`): its wasm, its JS (with any
/// vendored library it loads, as the territory portal's map) and its CSS.
fn portal_files(portal: &str) -> Vec<String> {
    let dir = dist().join(portal);
    assert!(
        dir.join("index.html").is_file(),
        "{} is not built: scripts/lib.sh build_web builds every portal",
        dir.display()
    );
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".wasm") || n.ends_with(".js") || n.ends_with(".css"))
        .map(|n| {
            if portal.is_empty() {
                n
            } else {
                format!("{portal}/{n}")
            }
        })
        .collect();
    names.sort();
    for kind in [".wasm", ".js", ".css"] {
        assert!(
            names.iter().any(|n| n.ends_with(kind)),
            "no {kind} file in {names:?}"
        );
    }
    names
}

fn size(name: &str) -> u64 {
    std::fs::metadata(dist().join(name))
        .unwrap_or_else(|e| panic!("{name}: {e} (scripts/compress-web writes .br/.gz)"))
        .len()
}

#[test]
fn each_portals_compressed_bundle_fits_the_budget() {
    for portal in PORTALS {
        fits_the_budget(portal);
    }
}

fn fits_the_budget(portal: &str) {
    let (mut raw, mut gzip, mut brotli) = (0, 0, 0);
    for name in portal_files(portal) {
        let (r, g, b) = (
            size(&name),
            size(&format!("{name}.gz")),
            size(&format!("{name}.br")),
        );
        eprintln!("{name}: raw {r}, gzip {g}, brotli {b}");
        assert!(b < g && g < r, "{name}: compression made it smaller");
        (raw, gzip, brotli) = (raw + r, gzip + g, brotli + b);
    }
    eprintln!("bundle /{portal}: raw {raw}, gzip {gzip}, brotli {brotli} (budget {BUDGET_BYTES})");
    assert!(
        brotli <= BUDGET_BYTES,
        "the /{portal} bundle is {brotli} bytes brotli-compressed, over the {BUDGET_BYTES} byte \
         budget: split the app rather than raise the budget"
    );
}

#[test]
fn the_bundle_is_negotiated_and_cached_by_name() {
    let server = Server::start(&[("CLOSEBOOK_WEB_DIR", &dist().to_string_lossy())]);
    // No automatic decompression in this client: what the server sends is what is checked.
    let client = closebook_e2e::client();
    let get = |path: &str, accept: &str| {
        let mut req = client.get(server.url(path));
        if !accept.is_empty() {
            req = req.header("accept-encoding", accept);
        }
        req.send().unwrap()
    };
    let wasm = bundle_files()
        .into_iter()
        .find(|n| n.ends_with(".wasm"))
        .unwrap();
    let path = format!("/{wasm}");
    for (accept, encoding, file) in [
        ("gzip, deflate, br, zstd", Some("br"), format!("{wasm}.br")),
        ("gzip, deflate", Some("gzip"), format!("{wasm}.gz")),
        ("br;q=0, gzip", Some("gzip"), format!("{wasm}.gz")),
        ("", None, wasm.clone()),
    ] {
        let res = get(&path, accept);
        assert_eq!(res.status(), 200, "{accept}");
        let h = res.headers();
        assert_eq!(
            h.get("content-encoding").map(|v| v.to_str().unwrap()),
            encoding,
            "{accept}"
        );
        assert_eq!(h["content-type"], "application/wasm");
        assert!(h.get("content-disposition").is_none(), "{accept}");
        assert_eq!(h["vary"], "accept-encoding");
        assert_eq!(h["cache-control"], "public, max-age=31536000, immutable");
        let len = res.bytes().unwrap().len() as u64;
        assert_eq!(len, size(&file), "{accept}: the {file} bytes");
    }
    // The shell names the current hashes: revalidated on every load, deep links included.
    for path in ["/", "/index.html", "/leads/some-deep-link"] {
        let res = get(path, "br");
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-cache", "{path}");
        assert!(
            res.headers().get("content-disposition").is_none(),
            "{path}: shown, not downloaded"
        );
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
    }
    // The compressed siblings and anything outside the directory are not files to ask for.
    for path in [format!("/{wasm}.br"), "/../Cargo.toml".to_owned()] {
        let res = get(&path, "");
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{path} falls back to the shell"
        );
    }
}

#[test]
fn each_page_gets_its_portals_shell() {
    let server = Server::start(&[("CLOSEBOOK_WEB_DIR", &dist().to_string_lossy())]);
    let client = closebook_e2e::client();
    let office_wasm = portal_files("office")
        .into_iter()
        .find(|n| n.ends_with(".wasm"))
        .unwrap();
    for (path, bundle) in [
        ("/", "closebook-web-"),
        ("/leads/some-deep-link", "closebook-web-"),
        ("/commissions/what-if", "closebook-commission-"),
        ("/admin/users", "closebook-office-"),
        ("/finance/commissions", "closebook-office-"),
        ("/financed", "closebook-web-"),
    ] {
        let res = client.get(server.url(path)).send().unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-cache", "{path}");
        let html = res.text().unwrap();
        assert!(html.contains(bundle), "{path}: the shell loads {bundle}…");
    }
    // The office bundle is served from its own directory, cached for good like the field's.
    let res = client
        .get(server.url(&format!("/{office_wasm}")))
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/wasm");
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
}
