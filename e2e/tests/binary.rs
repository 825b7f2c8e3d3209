//! Black-box tests of the built binary: commands, configuration, serving the web app and the API.

use closebook_e2e::{ADMIN_EMAIL, ADMIN_PASSWORD, Server, run, workspace_root};
use serde_json::{Value, json};

fn web_dir() -> String {
    let dir = workspace_root().join("web/dist");
    assert!(
        dir.join("index.html").is_file(),
        "web/dist is not built: run `trunk build --release` (scripts/test does)"
    );
    dir.to_string_lossy().into_owned()
}

#[test]
fn help_lists_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["--help"], &[]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for command in ["serve", "migrate", "seed", "openapi"] {
        assert!(text.contains(command), "--help lists `{command}`:\n{text}");
    }
    let seed =
        String::from_utf8_lossy(&run(dir.path(), &["seed", "--help"], &[]).stdout).into_owned();
    assert!(seed.contains("demo") && seed.contains("scale"), "{seed}");
}

#[test]
fn bad_settings_stop_start_up_with_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[(&str, &str)], &str); 4] = [
        (&[("CLOSEBOOK_ADDR", "not-an-address")], "not-an-address"),
        (
            &[("DATABASE_URL", "mysql://localhost/x")],
            "DATABASE_URL scheme `mysql` is not supported",
        ),
        (
            &[("CLOSEBOOK_JWT_SECRET", "short")],
            "CLOSEBOOK_JWT_SECRET must be at least 32 bytes",
        ),
        (&[("CLOSEBOOK_LOG", "info,=,,[")], "CLOSEBOOK_LOG"),
    ];
    for (env, message) in cases {
        let out = run(dir.path(), &["serve"], env);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{env:?} must fail");
        assert!(stderr.contains(message), "{env:?}: {stderr}");
        assert!(
            !stderr.contains("panicked"),
            "{env:?}: no panic trace: {stderr}"
        );
        assert!(
            stderr.lines().filter(|l| !l.trim().is_empty()).count() <= 3,
            "{env:?}: short: {stderr}"
        );
    }
}

#[test]
fn serves_the_web_app_the_docs_and_the_api() {
    let server = Server::start(&[("CLOSEBOOK_WEB_DIR", &web_dir())]);
    let client = closebook_e2e::client();
    let index = client.get(server.url("/")).send().unwrap();
    assert!(index.status().is_success());
    let html = index.text().unwrap();
    assert!(
        html.contains("closebook-web") && html.contains(".wasm"),
        "the Trunk build: {html}"
    );
    // Deep links load their portal's shell (SPA fallback) …
    for (path, bundle) in [
        ("/leads/some-lead", "closebook-web"),
        ("/admin/users", "closebook-office"),
    ] {
        let deep = client.get(server.url(path)).send().unwrap();
        assert!(deep.status().is_success(), "{path}");
        assert!(deep.text().unwrap().contains(bundle), "{path}");
    }
    // … but unknown API paths are problems, not HTML.
    let api = client.get(server.url("/api/v1/nope")).send().unwrap();
    assert_eq!(api.status(), 404);
    assert_eq!(api.headers()["content-type"], "application/problem+json");

    let docs = client.get(server.url("/api/docs/")).send().unwrap();
    assert!(docs.status().is_success());
    let docs_html = docs.text().unwrap();
    assert!(
        docs_html.contains("swagger-ui-bundle.js") && !docs_html.contains("https://"),
        "Swagger UI is vendored"
    );
    assert!(
        client
            .get(server.url("/api/docs/swagger-ui-bundle.js"))
            .send()
            .unwrap()
            .status()
            .is_success()
    );
    let served: Value = client
        .get(server.url("/api/openapi.json"))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let checked_in: Value = serde_json::from_str(
        &std::fs::read_to_string(workspace_root().join("openapi/openapi.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(served, checked_in, "the served spec is the checked-in one");

    let token = server.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    let me: Value = client
        .get(server.url("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(me["email"], ADMIN_EMAIL);
    assert_eq!(me["role"], "admin");
}

#[test]
fn first_admin_password_is_generated_once_and_the_signing_key_kept() {
    let dir = tempfile::tempdir().unwrap();
    let first = run(dir.path(), &["seed", "demo"], &[]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let out = String::from_utf8_lossy(&first.stdout).into_owned();
    let password = out
        .lines()
        .find_map(|l| {
            l.split("Generated password (shown once; change it after signing in): ")
                .nth(1)
        })
        .unwrap_or_else(|| panic!("a generated password is printed: {out}"))
        .trim()
        .to_owned();
    assert!(
        out.contains("Seeded the demo organisation: 14 users"),
        "{out}"
    );
    let again = run(dir.path(), &["seed", "demo"], &[]);
    let again_out = String::from_utf8_lossy(&again.stdout);
    assert!(
        !again_out.contains("Generated password"),
        "printed once only: {again_out}"
    );
    assert!(again_out.contains("already there"), "{again_out}");

    let server = Server::start_in(dir, &[("CLOSEBOOK_ADMIN_PASSWORD", "")]);
    let temporary = server.login("admin@closebook.local", &password);
    // A generated password is temporary: the admin must choose its own before anything else.
    let client = closebook_e2e::client();
    let refused = client
        .get(server.url("/api/v1/users"))
        .bearer_auth(&temporary)
        .send()
        .unwrap();
    assert_eq!(refused.status(), 403);
    let changed: Value = client
        .post(server.url("/api/v1/me/password"))
        .bearer_auth(&temporary)
        .json(&json!({ "current_password": password, "new_password": "the-admins-own-password" }))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let admin = changed["access_token"].as_str().unwrap().to_owned();
    let token_path = server.dir.path().join("data/jwt-secret");
    assert!(
        token_path.is_file(),
        "the generated signing key is kept in the data directory"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&token_path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let users: Value = client
        .get(server.url("/api/v1/users?limit=200"))
        .bearer_auth(&admin)
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(
        users["items"].as_array().unwrap().len(),
        15,
        "the admin and 14 demo users"
    );
    // A demo rep signs in and sees itself only.
    let rep = server.login("priya.natarajan@demo.closebook.local", "closebook-demo");
    let seen: Value = client
        .get(server.url("/api/v1/users"))
        .bearer_auth(&rep)
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(seen["items"].as_array().unwrap().len(), 1);
}

#[test]
fn runs_on_postgresql_from_database_url() {
    let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true requires TEST_DATABASE_URL"
        );
        return;
    };
    let name = format!("cb_e2e_{}", std::process::id());
    let server_url = admin_url
        .split('?')
        .next()
        .unwrap()
        .rsplit_once('/')
        .unwrap()
        .0
        .to_owned();
    let psql = |sql: &str| {
        let status = std::process::Command::new("psql")
            .args([admin_url.as_str(), "-qc", sql])
            .status()
            .expect("psql");
        assert!(status.success(), "{sql}");
    };
    psql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
    psql(&format!("CREATE DATABASE {name}"));
    let url = format!("{server_url}/{name}");
    let server = Server::start(&[("DATABASE_URL", &url)]);
    let token = server.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    let created = closebook_e2e::client()
        .post(server.url("/api/v1/teams"))
        .bearer_auth(&token)
        .json(&json!({ "name": "Postgres team" }))
        .send()
        .unwrap();
    assert_eq!(created.status(), 201);
    // PostgreSQL means PostgreSQL: no silent fall-back to an SQLite file.
    assert!(!server.dir.path().join("data/closebook.db").exists());
    drop(server);
    psql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
}

/// `closebook seed demo` is a working organisation, not a list of users: a new user who signs
/// in as a rep or a manager finds every page alive (issue 8).
#[test]
fn the_demo_is_a_working_organisation() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["seed", "demo"], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = run(dir.path(), &["seed", "demo"], &[]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("already there"));
    let server = Server::start_in(dir, &[]);
    let client = closebook_e2e::client();
    let get = |token: &str, path: &str| -> Value {
        let res = client
            .get(server.url(path))
            .bearer_auth(token)
            .send()
            .unwrap();
        assert_eq!(res.status(), 200, "{path}");
        res.json().unwrap()
    };
    let rep = server.login("priya.natarajan@demo.closebook.local", "closebook-demo");
    let leads = get(&rep, "/api/v1/leads?owner=me&limit=200")["items"]
        .as_array()
        .unwrap()
        .clone();
    assert!(leads.len() >= 13, "a rep's book: {}", leads.len());
    let stages: std::collections::BTreeSet<&str> = leads
        .iter()
        .filter_map(|l| l["stage_name"].as_str())
        .collect();
    assert!(stages.len() >= 10, "leads in every stage: {stages:?}");
    for outcome in ["open", "won", "lost"] {
        assert!(
            leads.iter().any(|l| l["outcome"] == outcome),
            "an {outcome} lead"
        );
    }
    let lead = leads.iter().find(|l| l["outcome"] == "won").unwrap();
    let id = lead["id"].as_str().unwrap();
    let timeline = get(&rep, &format!("/api/v1/leads/{id}/activities"));
    assert!(
        timeline["items"].as_array().unwrap().len() >= 3,
        "weeks of history"
    );
    assert!(
        !get(&rep, &format!("/api/v1/leads/{id}/touches"))["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let detail = get(&rep, &format!("/api/v1/leads/{id}"));
    assert_ne!(
        detail["referral_ask_status"], "not_asked",
        "referral asked of a won client"
    );
    assert!(
        !get(&rep, "/api/v1/clients")["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(
        get(&rep, "/api/v1/scripts")["items"]
            .as_array()
            .unwrap()
            .len()
            >= 6
    );
    // Eight weeks of activity: something in each of the last eight weeks.
    let now = chrono::Utc::now();
    let iso = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    for week in 1..=8 {
        let from = now - chrono::Duration::weeks(week);
        let to = from + chrono::Duration::weeks(1);
        let page = get(
            &rep,
            &format!(
                "/api/v1/activities?from={}&to={}&limit=200",
                iso(from),
                iso(to)
            ),
        );
        assert!(
            !page["items"].as_array().unwrap().is_empty(),
            "activity {week} weeks ago"
        );
    }
    // The manager sees the team's pipeline.
    let manager = server.login("maya.okafor@demo.closebook.local", "closebook-demo");
    let team = get(&manager, "/api/v1/leads?limit=200")["items"]
        .as_array()
        .unwrap()
        .len();
    assert!(team >= 5 * 13, "the manager's five reps' leads: {team}");
    // Money on every commission page: the manager's team month, and finance's queue with a
    // dispute waiting and lines above the approval threshold flagged.
    let month = get(&manager, "/api/v1/commissions/team-earnings");
    assert!(month["members"].as_array().unwrap().len() >= 6, "{month}");
    let finance = server.login("grace.whitfield@demo.closebook.local", "closebook-demo");
    let flagged = |status: &str, flag: &str| {
        get(
            &finance,
            &format!("/api/v1/commissions?status={status}&limit=200"),
        )["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["flags"].as_array().unwrap().iter().any(|f| f == flag))
            .count()
    };
    assert_eq!(flagged("disputed", "disputed"), 1, "a dispute for finance");
    assert!(
        flagged("pending", "above_threshold") > 0,
        "lines to look at twice"
    );
    let payouts = get(&finance, "/api/v1/payouts");
    assert!(!payouts.as_array().unwrap().is_empty(), "a payout run");
    // Territories three levels deep, each with someone working it.
    let territories = get(&manager, "/api/v1/territories?limit=200")["items"]
        .as_array()
        .unwrap()
        .clone();
    for kind in ["region", "area", "micro"] {
        assert!(
            territories.iter().any(|t| t["kind"] == kind),
            "a {kind} in the demo"
        );
    }
    // The demo's leads lie in them (by ZIP, city or state).
    let placed = get(&manager, "/api/v1/leads?limit=200")["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["id"].as_str().map(str::to_owned))
        .take(10)
        .filter(|id| !get(&manager, &format!("/api/v1/leads/{id}"))["territory_id"].is_null())
        .count();
    assert_eq!(placed, 10, "the demo's leads are placed in territories");
    let micro = territories.iter().find(|t| t["kind"] == "micro").unwrap();
    let owners = get(
        &manager,
        &format!(
            "/api/v1/territories/{}/assignments",
            micro["id"].as_str().unwrap()
        ),
    );
    assert!(
        owners
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["role"] == "owner"),
        "{owners}"
    );

    // The wholesale side: Tom Becker's account has months of invoices, paid and open; finance
    // sees overdue ones with their late fee; the account's rep earned on the paid orders.
    let tom = server.login("tom.becker@demo.closebook.local", "closebook-demo");
    let invoices = get(&tom, "/api/v1/partner-invoices?limit=200")["items"]
        .as_array()
        .unwrap()
        .clone();
    assert!(invoices.len() >= 9, "{}", invoices.len());
    for status in ["paid", "open"] {
        assert!(
            invoices.iter().any(|i| i["status"] == status),
            "a {status} invoice"
        );
    }
    let overdue = get(&finance, "/api/v1/partner-invoices?status=overdue")["items"]
        .as_array()
        .unwrap()
        .clone();
    assert!(!overdue.is_empty(), "an overdue invoice in the demo");
    assert!(
        overdue.iter().all(|i| i["late_fee"]["amount"] != "0.00"),
        "{overdue:?}"
    );
    let earned = get(&rep, "/api/v1/commissions?rep=me&line_type=partner_order")["items"]
        .as_array()
        .unwrap()
        .len();
    assert!(earned >= 4, "the rep's partner-order lines: {earned}");
    // Its shipments: delivered with who signed, one on the road, a warm spell flagged.
    let shipments = get(&tom, "/api/v1/shipments")["items"]
        .as_array()
        .unwrap()
        .clone();
    assert!(shipments.len() >= 5, "{}", shipments.len());
    assert!(
        shipments
            .iter()
            .any(|s| s["status"] == "delivered" && s["signed_by"].is_string())
    );
    assert!(shipments.iter().any(|s| s["status"] == "in_transit"));
    assert!(shipments.iter().any(|s| s["excursions"] == 1));
    // Its resources: every asset (enterprise), the videos Tom watched, its integrations.
    let assets = get(&tom, "/api/v1/marketing-assets")["items"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(assets, 6);
    let videos = get(&tom, "/api/v1/video-guides");
    assert!(
        videos
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v["completed"] == true)
    );
    let becker = shipments[0]["partner_id"].as_str().unwrap();
    let connected = get(&tom, &format!("/api/v1/partners/{becker}/integrations"));
    assert!(
        connected
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["status"] == "connected")
    );
    // Its pictures, analytics, addresses and support tickets.
    let products = get(&tom, "/api/v1/products?limit=200")["items"]
        .as_array()
        .unwrap()
        .clone();
    assert!(
        products.iter().all(|p| p["images"][0]["width"] == 320),
        "every product has its picture"
    );
    let picture = products[0]["images"][0]["url"].as_str().unwrap();
    // Served without a token (an `<img>` sends none).
    let served = client.get(server.url(picture)).send().unwrap();
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/png");
    let analytics = get(&tom, &format!("/api/v1/partners/{becker}/analytics"));
    assert!(
        analytics["totals"]["orders"].as_u64().unwrap() >= 5,
        "{analytics}"
    );
    assert!(!analytics["products"].as_array().unwrap().is_empty());
    let addresses = get(&tom, &format!("/api/v1/partners/{becker}/addresses"));
    assert_eq!(addresses[0]["label"], "Store");
    assert_eq!(addresses[0]["is_default"], true);
    let tickets = get(&tom, "/api/v1/support-tickets")["items"]
        .as_array()
        .unwrap()
        .clone();
    let statuses: Vec<&str> = tickets
        .iter()
        .filter_map(|t| t["status"].as_str())
        .collect();
    assert_eq!(statuses, vec!["open", "resolved"]);
}
