#!/usr/bin/env bash
# A short run of every `khabar bench` load generator against a real server
# on loopback with a fresh data directory, then two timed restarts of that
# store: small counts, no timing checks.
# It keeps the tool working; each command exits non-zero on any failed
# operation.
#
#   bash scripts/bench-smoke.sh [PATH_TO_KHABAR]
set -euo pipefail
cd "$(dirname "$0")/.."

binary="${1:-target/release/khabar}"
work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]]; then kill -KILL "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export KHABAR_SERVER="127.0.0.1:$port"
"$binary" serve --data-dir "$work/data" --listen "$KHABAR_SERVER" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 100); do
    if "$binary" health >/dev/null 2>&1; then break; fi
    sleep 0.1
done

run() { echo "== khabar $*"; timeout 300 "$binary" "$@" --duration-secs 120; }
run bench ingest --clients 2 --articles 50 --json
run bench ingest --clients 2 --articles 50 --mode stream --seed 2 --json
run bench query --requests 20 --clients 2 --json
run bench subscribe --subscribers 4 --writes 10 --server-pid "$server_pid" --idle-settle-ms 100 --json
"$binary" bench generate --articles 10 --output "$work/generated"

kill -TERM "$server_pid"
wait "$server_pid" || true
server_pid=""
echo "== khabar bench restart"
timeout 300 "$binary" bench restart --data-dir "$work/data" --runs 2 --timeout-secs 120 --json
echo "bench smoke: every generator ran"
