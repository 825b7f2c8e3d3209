// Starts the built `closebook` binary on a free port with a fresh data directory, and a headless
// Debian Chromium. Nothing here downloads a browser: CHROMIUM or /usr/bin/chromium is used.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

export const root = resolve(import.meta.dirname, "../..");
export const artifacts = join(root, "e2e/artifacts");
export const ADMIN = { email: "admin@browser.example", password: "browser-admin-password" };

/// A fresh PostgreSQL database on the server `CLOSEBOOK_BROWSER_DATABASE_URL` names (made and
/// dropped with psql): its URL and how to drop it. Without the variable, `null` (SQLite).
function freshPostgres() {
  const admin = process.env.CLOSEBOOK_BROWSER_DATABASE_URL;
  if (!admin) return null;
  const name = `cb_browser_${Date.now()}_${process.pid}`;
  const psql = (sql) => {
    const run = spawnSync("psql", [admin, "-v", "ON_ERROR_STOP=1", "-c", sql], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`psql ${sql}: ${run.stderr || run.error}`);
  };
  psql(`CREATE DATABASE "${name}"`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => psql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/// `demo: true` seeds the demo organisation (`closebook seed demo`) before serving. With
/// `CLOSEBOOK_BROWSER_DATABASE_URL` set the server runs on a fresh PostgreSQL database, else on
/// SQLite.
export async function startServer({ demo = false } = {}) {
  const bin = process.env.CLOSEBOOK_BIN ?? join(root, "target/debug/closebook");
  const web = join(root, "web/dist");
  if (!existsSync(bin)) throw new Error(`${bin} is missing: cargo build -p closebook-api (scripts/test does)`);
  if (!existsSync(join(web, "index.html"))) throw new Error("web/dist is not built: trunk build --release (scripts/test does)");
  const dir = mkdtempSync(join(tmpdir(), "closebook-browser-"));
  const env = {
    PATH: process.env.PATH,
    // Port 0: the server picks a free one and prints it.
    CLOSEBOOK_ADDR: "127.0.0.1:0",
    CLOSEBOOK_DATA_DIR: join(dir, "data"),
    CLOSEBOOK_WEB_DIR: web,
    CLOSEBOOK_ADMIN_EMAIL: ADMIN.email,
    CLOSEBOOK_ADMIN_PASSWORD: ADMIN.password,
    CLOSEBOOK_LOG: "warn",
  };
  const postgres = freshPostgres();
  if (postgres) env.DATABASE_URL = postgres.url;
  if (demo) {
    const seeded = spawnSync(bin, ["seed", "demo"], { cwd: dir, env, encoding: "utf8" });
    if (seeded.status !== 0) throw new Error(`closebook seed demo failed: ${seeded.stderr}`);
  }
  const child = spawn(bin, ["serve"], {
    cwd: dir,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const base = await new Promise((ok, fail) => {
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      const m = line.match(/Closebook listening on (http:\/\/\S+)/);
      if (m) ok(m[1]);
    });
    child.on("exit", () => fail(new Error("closebook exited before listening")));
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) {
        const stop = () => {
          child.kill();
          postgres?.drop();
        };
        return { base, stop };
      }
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  postgres?.drop();
  throw new Error("closebook did not become ready");
}

export async function launchBrowser() {
  const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath} (apt-get install chromium)`);
  mkdirSync(artifacts, { recursive: true });
  return chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
      "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/// A small API client for setting up data the journeys do not themselves exercise.
export async function api(base, token, method, path, body) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

export async function token(base, email, password) {
  return (await api(base, null, "POST", "/auth/login", { email, password })).access_token;
}

/// Screen sizes the journeys use.
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/// Fills the sign-in form and submits it (callers wait for what they expect next).
export async function signIn(page, base, email, password) {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
