# Sourced by the e2e scripts: starts the built binary in $work on a free port (port 0: the
# server prints where it listens), sets $server (its pid) and $base (its URL). Settings come
# from the caller's environment.
start_closebook() {
  local bin="${CLOSEBOOK_BIN:-$root/target/debug/closebook}"
  (cd "$work" && CLOSEBOOK_ADDR="127.0.0.1:0" CLOSEBOOK_DATA_DIR="$work/data" CLOSEBOOK_LOG=warn \
    exec "$bin" serve >"$work/server.out" 2>"$work/server.err") &
  server=$!
  base=
  for _ in $(seq 1 300); do
    base=$(sed -n 's/^Closebook listening on //p' "$work/server.out" | head -n 1)
    [ -n "$base" ] && curl -fs "$base/readyz" >/dev/null && return 0
    sleep 0.1
  done
  cat "$work/server.err"
  echo "closebook did not start"
  exit 1
}
