#!/usr/bin/env bash
# Generates a Python client from openapi/openapi.json with openapi-python-client (PyPI) and runs
# scenario.py with it against the built binary. The generator lives in a venv under target/.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
venv="$root/target/openapi-python-client"
generator_version=0.29.1
if ! "$venv/bin/openapi-python-client" --version 2>/dev/null | grep -q "$generator_version"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "openapi-python-client==$generator_version"
fi

work=$(mktemp -d)
trap 'kill ${server:-0} 2>/dev/null || true; rm -rf "$work"' EXIT
# Images go as files: the generator knows a file as application/octet-stream, which the server
# takes too (the bytes say which image it is).
printf 'post_hooks: []\ncontent_type_overrides:\n  image/png: application/octet-stream\n  image/jpeg: application/octet-stream\n  image/webp: application/octet-stream\n' > "$work/config.yml"
(cd "$work" && "$venv/bin/openapi-python-client" generate --path "$root/openapi/openapi.json" --meta none \
  --output-path closebook_client --config config.yml >"$work/generate.out" 2>&1) || { cat "$work/generate.out"; exit 1; }
# The generator skips an endpoint it cannot parse and only warns: for integrators that is a
# missing operation, so any warning fails the run.
if grep -qi "warning" "$work/generate.out"; then
  cat "$work/generate.out"
  echo "openapi-python-client warned: the generated client would be incomplete"
  exit 1
fi

source "$root/e2e/serve.sh"
export CLOSEBOOK_ADMIN_EMAIL=client@example.com CLOSEBOOK_ADMIN_PASSWORD=generated-client-admin
start_closebook
(cd "$work" && PYTHONPATH="$work" "$venv/bin/python" "$root/e2e/client/scenario.py" "$base" client@example.com generated-client-admin)
