//! Drives the built `closebook` binary over HTTP, as an operator or integration would.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const ADMIN_EMAIL: &str = "admin@e2e.example";
pub const ADMIN_PASSWORD: &str = "e2e-admin-password";

/// An HTTP client for the tests. Every test builds its clients here: see `rustls` in Cargo.toml.
pub fn client() -> reqwest::blocking::Client {
    client_builder().build().expect("HTTP client")
}

/// [`client`]'s builder, for a test that needs other settings.
pub fn client_builder() -> reqwest::blocking::ClientBuilder {
    // A second install (another test in the process) is refused harmlessly.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::blocking::Client::builder()
}

pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The binary under test: `CLOSEBOOK_BIN`, or the debug build (scripts/test builds it first).
pub fn binary() -> PathBuf {
    let path = std::env::var_os("CLOSEBOOK_BIN").map_or_else(
        || workspace_root().join("target/debug/closebook"),
        PathBuf::from,
    );
    assert!(
        path.is_file(),
        "{} is missing: build it with `cargo build -p closebook-api` (scripts/test does)",
        path.display()
    );
    path
}

/// Runs a command of the binary to completion in `data_dir`.
pub fn run(data_dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(binary());
    cmd.args(args)
        .current_dir(data_dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd.env("CLOSEBOOK_DATA_DIR", data_dir.join("data"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run closebook")
}

pub struct Server {
    pub base: String,
    child: Child,
    pub dir: tempfile::TempDir,
}

impl Server {
    /// Starts `closebook serve` on a free port with a fresh data directory.
    pub fn start(env: &[(&str, &str)]) -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        Self::start_in(dir, env)
    }

    pub fn start_in(dir: tempfile::TempDir, env: &[(&str, &str)]) -> Server {
        // Port 0: the server picks a free port and prints it, so parallel tests never race for one.
        let mut cmd = Command::new(binary());
        cmd.arg("serve")
            .current_dir(dir.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("CLOSEBOOK_ADDR", "127.0.0.1:0")
            .env("CLOSEBOOK_DATA_DIR", dir.path().join("data"))
            .env("CLOSEBOOK_ADMIN_EMAIL", ADMIN_EMAIL)
            .env("CLOSEBOOK_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .env("CLOSEBOOK_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start closebook");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut lines = BufReader::new(stdout).lines();
        let base = lines
            .by_ref()
            .map_while(Result::ok)
            .find_map(|l| {
                l.split("Closebook listening on ")
                    .nth(1)
                    .map(|u| u.trim().to_owned())
            })
            .unwrap_or_else(|| panic!("closebook exited before listening"));
        // Keep draining, so a chatty server never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        let server = Server { base, child, dir };
        server.wait_ready();
        server
    }

    fn wait_ready(&self) {
        let client = client();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if client
                .get(self.url("/readyz"))
                .send()
                .is_ok_and(|r| r.status().is_success())
            {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("closebook did not become ready at {}", self.base);
    }

    /// SIGKILLs the server process (no shutdown, no flush) and hands back its data directory,
    /// for a restart on the same files.
    pub fn crash(mut self) -> tempfile::TempDir {
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::mem::replace(&mut self.dir, tempfile::tempdir().expect("temp dir"))
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Signs in and returns an access token.
    pub fn login(&self, email: &str, password: &str) -> String {
        let res = client()
            .post(self.url("/api/v1/auth/login"))
            .json(&serde_json::json!({ "email": email, "password": password }))
            .send()
            .expect("login request");
        assert!(
            res.status().is_success(),
            "login as {email}: {}",
            res.status()
        );
        res.json::<serde_json::Value>().expect("json")["access_token"]
            .as_str()
            .expect("token")
            .to_owned()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `f` with the URL of a fresh PostgreSQL database on the `TEST_DATABASE_URL` server, and
/// drops the database afterwards. Without `TEST_DATABASE_URL` the test is skipped, except with
/// `CI=true`, where the PostgreSQL run is mandatory.
pub fn with_postgres_database(prefix: &str, f: impl FnOnce(&str)) {
    let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true requires TEST_DATABASE_URL: the PostgreSQL run is mandatory in CI"
        );
        eprintln!("TEST_DATABASE_URL not set: PostgreSQL variant skipped");
        return;
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_nanos();
    let name = format!("{prefix}_{nanos}");
    let psql = |sql: &str| {
        let out = Command::new("psql")
            .args([admin_url.as_str(), "-q", "-c", sql])
            .output()
            .expect("psql (the PostgreSQL client) on PATH");
        assert!(
            out.status.success(),
            "{sql}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    psql(&format!("CREATE DATABASE \"{name}\""));
    let url = match admin_url.split_once('?') {
        Some((base, query)) => format!(
            "{}/{name}?{query}",
            base.rsplit_once('/').map_or(base, |(s, _)| s)
        ),
        None => format!(
            "{}/{name}",
            admin_url
                .rsplit_once('/')
                .map_or(admin_url.as_str(), |(s, _)| s)
        ),
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&url)));
    psql(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}
