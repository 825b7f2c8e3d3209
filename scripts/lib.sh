# Shared helpers for scripts/run, scripts/test and scripts/bench. Sourced, not run.
# Installs what the project needs on a fresh machine; prints what it does.

TRUNK_VERSION=0.21.14

say() { printf '\033[1;32m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# The wasm-bindgen version Cargo.lock resolved; the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root for: $*"; fi
}

apt_install() {
  say "installing Debian packages: $*"
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

ensure_native_libs() {
  # libpq for diesel's PostgreSQL backend (SQLite is bundled).
  if ! pkg-config --exists libpq 2>/dev/null; then apt_install libpq-dev pkg-config; fi
}

ensure_web_tools() {
  rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown ||
    { say "adding the wasm32-unknown-unknown target"; rustup target add wasm32-unknown-unknown; }
  if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
    say "installing trunk $TRUNK_VERSION (a few minutes, once)"
    cargo install --locked trunk --version "$TRUNK_VERSION"
  fi
  # wasm-opt from npm binaryen (Debian's is too old) and brotli/gzip for the pre-compressed bundle.
  command -v brotli >/dev/null || apt_install brotli
  command -v npm >/dev/null || apt_install nodejs npm
  # Leaflet (the territory map) is vendored from the same npm lockfile.
  if ! web/tools/node_modules/.bin/wasm-opt --version 2>/dev/null | grep -q "version 132" ||
    ! grep -q '"version": "1.9.4"' web/tools/node_modules/leaflet/package.json 2>/dev/null; then
    say "installing wasm-opt and Leaflet (npm, pinned in web/tools)"
    (cd web/tools && npm ci --silent --no-audit --no-fund)
  fi
  local wb; wb=$(wasm_bindgen_version)
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb"; then
    say "installing wasm-bindgen-cli $wb to match Cargo.lock (a few minutes, once)"
    # Not --locked: its lockfile names a crate version the registry mirror lacks.
    cargo install wasm-bindgen-cli --version "$wb"
  fi
}

build_web() {
  say "building the web app (trunk, release, wasm-opt, pre-compressed)"
  # Three portals (closebook_shared::portal): the field app into web/dist, then the commission
  # and office apps into their directories under it, served under /commissions and /admin,
  # /finance (api/src/web_app.rs). The field app first: each build empties its own directory.
  local tools="$PWD/web/tools/node_modules/.bin"
  PATH="$tools:$PATH" trunk build --release
  for portal in commission office territory insight partner partner-account; do
    PATH="$tools:$PATH" trunk build "web/$portal.html" --release \
      --dist "web/dist/$portal" --public-url "/$portal/"
  done
}

ensure_browser() {
  # Debian's Chromium, driven by playwright-core; never a browser download.
  command -v chromium >/dev/null || apt_install chromium
  command -v node >/dev/null || apt_install nodejs npm
  say "installing browser-test packages (npm ci)"
  (cd e2e/browser && npm ci --silent --no-audit --no-fund)
}

# An S3-compatible server for the media store's tests: moto's (PyPI), pinned, in its own
# virtualenv under target/, on a free port of 127.0.0.1, stopped when the calling shell exits.
# Sets TEST_S3_ENDPOINT. CI=true makes any failure here fatal (the tests then demand it).
start_s3() {
  local venv="$PWD/target/moto" version=5.2.5 port
  if [ "$("$venv/bin/python" -c 'import moto; print(moto.__version__)' 2>/dev/null)" != "$version" ]; then
    say "installing moto $version (an S3-compatible server for the tests)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "moto[server]==$version"
  fi
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$venv/bin/moto_server" -H 127.0.0.1 -p "$port" >"$PWD/target/moto.log" 2>&1 &
  S3_PID=$!
  trap 'kill $S3_PID 2>/dev/null || true' EXIT
  python3 - "$port" <<'PY' || die "moto did not start (target/moto.log)"
import sys, time, urllib.request
for _ in range(100):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/", timeout=1)
        sys.exit(0)
    except Exception:
        time.sleep(0.2)
sys.exit(1)
PY
  export TEST_S3_ENDPOINT="http://127.0.0.1:$port"
}
