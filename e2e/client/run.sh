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
printf 'post_hooks: []\n' > "$work/config.yml"
(cd "$work" && "$venv/bin/openapi-python-client" generate --path "$root/openapi/openapi.json" --meta none \
  --output-path closebook_client --config config.yml >/dev/null)

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
CLOSEBOOK_ADDR="127.0.0.1:$port" CLOSEBOOK_DATA_DIR="$work/data" CLOSEBOOK_LOG=warn \
  CLOSEBOOK_ADMIN_EMAIL=client@example.com CLOSEBOOK_ADMIN_PASSWORD=generated-client-admin \
  "${CLOSEBOOK_BIN:-$root/target/debug/closebook}" serve >/dev/null &
server=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
(cd "$work" && PYTHONPATH="$work" "$venv/bin/python" "$root/e2e/client/scenario.py" "http://127.0.0.1:$port" client@example.com generated-client-admin)
