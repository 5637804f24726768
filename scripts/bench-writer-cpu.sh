#!/usr/bin/env bash
# CPU time per stored article, from the kernel's per-thread accounting:
# the writer thread (khabar-writer) and the whole server process, after
# one `khabar bench ingest` run on a fresh data directory. Less noisy than
# throughput on a shared machine, so it is what each store change was
# judged by.
#
#   bash scripts/bench-writer-cpu.sh [CLIENTS] [ARTICLES]
#   KHABAR_BINARY=path   use that binary (default target/release/khabar)
set -euo pipefail
clients="${1:-16}"
articles="${2:-1000}"
binary="${KHABAR_BINARY:-target/release/khabar}"
[ -x "$binary" ] || cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
port=$((20000 + RANDOM % 20000))
"$binary" serve --data-dir "$work/data" --listen "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
    "$binary" health --server "http://127.0.0.1:$port" >/dev/null 2>&1 && break
    sleep 0.1
done
"$binary" bench ingest --server "http://127.0.0.1:$port" --clients "$clients" \
    --articles "$articles" --json >"$work/ingest.json"
ticks=$(getconf CLK_TCK)
writer=0
for task in /proc/"$server"/task/*; do
    if grep -q '^khabar-writer$' "$task/comm" 2>/dev/null; then
        writer=$(awk '{print $14 + $15}' "$task/stat")
    fi
done
process=$(awk '{print $14 + $15}' /proc/"$server"/stat)
kill -TERM "$server"
wait "$server" || true
python3 - "$work/ingest.json" "$writer" "$process" "$ticks" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
writer, process, ticks = (int(value) for value in sys.argv[2:5])
created = max(report["created"], 1)
per = lambda t: 1000.0 * t / ticks / created
print(f"{created} articles at {report['ops_per_sec']:.0f}/s (p50 {report['latency_ms']['p50']:.1f} ms): "
      f"writer thread {per(writer):.2f} ms CPU per article, server process {per(process):.2f} ms")
PY
