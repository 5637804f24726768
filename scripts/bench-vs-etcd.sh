#!/usr/bin/env bash
# khabar and etcd side by side on this machine, in one run: the same
# generated Arabic articles, the same Python gRPC client, the same number of
# concurrent clients, fresh data directories on the same disk. Installs etcd
# from Debian's packages when it is missing (needs root). Loopback only;
# every run is bounded by the number of documents.
#
#   bash scripts/bench-vs-etcd.sh [--articles N] [DOCUMENTS] [CLIENTS...]
#   (defaults: 3000 documents, 16 and 64 clients)
#
# Prints a Markdown table of rates, latencies and disk use; BENCHMARKS.md
# records the latest one. Environment: KHABAR_BINARY runs that binary
# instead of building one; BENCH_RESULTS_DIR keeps the raw results there
# (vs-etcd.jsonl, one JSON object per run, and vs-etcd.md, the table).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--articles" ]]; then
    documents="${2:?--articles needs a count}"
    shift 2
else
    documents="${1:-3000}"
    shift || true
fi
clients_list=("${@:-16 64}")
read -r -a clients_list <<<"${clients_list[*]}"

if ! command -v etcd >/dev/null 2>&1; then
    echo "installing etcd-server from Debian's packages" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq etcd-server >/dev/null
fi
if [[ -n "${KHABAR_BINARY:-}" ]]; then
    binary="$KHABAR_BINARY"
else
    cargo build --locked --release --quiet
    binary=target/release/khabar
fi
venv="${KHABAR_VENV:-.venv}"
if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check -r tests/python/requirements.txt

work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_for_port() {
    for _ in $(seq 1 100); do
        if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $1), 0.2)" 2>/dev/null; then
            return 0
        fi
        sleep 0.1
    done
    echo "nothing listens on port $1" >&2
    return 1
}

"$binary" bench generate --articles "$documents" --output "$work/documents" >/dev/null
text_bytes="$(du -sb "$work/documents" | cut -f1)"

run_one() { # target clients -> JSON line, plus data directory size
    local target="$1" clients="$2" port data
    port="$(free_port)"
    data="$work/$target-$clients"
    if [[ "$target" == "etcd" ]]; then
        local peer
        peer="$(free_port)"
        etcd --name bench --data-dir "$data" \
            --listen-client-urls "http://127.0.0.1:$port" \
            --advertise-client-urls "http://127.0.0.1:$port" \
            --listen-peer-urls "http://127.0.0.1:$peer" \
            --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
            --initial-cluster "bench=http://127.0.0.1:$peer" \
            --quota-backend-bytes 8589934592 >"$work/$target-$clients.log" 2>&1 &
    else
        "$binary" serve --data-dir "$data" --listen "127.0.0.1:$port" \
            >"$work/$target-$clients.log" 2>&1 &
    fi
    local pid=$!
    pids+=("$pid")
    wait_for_port "$port"
    local result
    result="$("$venv/bin/python" scripts/bench/side_by_side.py --target "$target" \
        --address "127.0.0.1:$port" --documents "$work/documents" --clients "$clients")"
    kill -TERM "$pid"
    wait "$pid" 2>/dev/null || true
    local disk
    disk="$(du -sb "$data" | cut -f1)"
    python3 -c 'import json,sys; r=json.loads(sys.argv[1]); r["data_dir_bytes"]=int(sys.argv[2]); print(json.dumps(r))' \
        "$result" "$disk"
}

results="$work/results.jsonl"
for clients in "${clients_list[@]}"; do
    run_one etcd "$clients" >>"$results"
    run_one khabar "$clients" >>"$results"
done

table="$work/table.md"
python3 - "$results" "$text_bytes" "$documents" >"$table" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
text = int(sys.argv[2])
print(f"{sys.argv[3]} generated articles, {text / 1e6:.1f} MB of text; "
      "Python grpc.aio client, one channel per client, durable writes\n")
print("| clients | server | docs/s | p50 ms | p99 ms | errors | data dir | × text |")
print("|---|---|---|---|---|---|---|---|")
for row in rows:
    print(f"| {row['clients']} | {row['target']} | {row['docs_per_second']:,.0f} | "
          f"{row['p50_ms']} | {row['p99_ms']} | {sum(row['errors'].values())} | "
          f"{row['data_dir_bytes'] / 1e6:.0f} MB | {row['data_dir_bytes'] / text:.1f} |")
by = {(r['clients'], r['target']): r for r in rows}
for clients in sorted({r['clients'] for r in rows}):
    k, e = by.get((clients, 'khabar')), by.get((clients, 'etcd'))
    if k and e and e['docs_per_second']:
        print(f"\n{clients} clients: khabar/etcd rate ratio {k['docs_per_second'] / e['docs_per_second']:.2f}")
PY
cat "$table"
if [[ -n "${BENCH_RESULTS_DIR:-}" ]]; then
    mkdir -p "$BENCH_RESULTS_DIR"
    cp "$results" "$BENCH_RESULTS_DIR/vs-etcd.jsonl"
    cp "$table" "$BENCH_RESULTS_DIR/vs-etcd.md"
fi
