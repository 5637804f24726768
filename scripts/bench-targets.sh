#!/usr/bin/env bash
# Every target of the store-performance issue in one run, each on a fresh
# data directory on loopback, then one Markdown table (target, measured,
# met?) and the raw JSON of every step in a results directory:
#
#   1. khabar beside etcd at 16 and 64 clients (scripts/bench-vs-etcd.sh)
#   2. IngestArticles streaming rate at the same client counts
#   3. the data directory after 10,000 articles, with and without the ballast
#   4. a store filled to 1,000,000 statements: filtered list pages and
#      GetArticle p99 (khabar bench query), then restarts (khabar bench restart)
#   5. 1,000 live subscribers: commit-to-delivery p99 and server memory per
#      idle subscriber (khabar bench subscribe --server-pid)
#
#   bash scripts/bench-targets.sh
#   ARTICLES=300 DISK_ARTICLES=300 STATEMENTS=20000 SUBSCRIBERS=100 \
#       bash scripts/bench-targets.sh          # a dry run of a few minutes
#
# Sizes (environment; defaults are the issue's sizes):
#   ARTICLES=3000         articles per client count, etcd and khabar alike
#   CLIENTS="16 64"       client counts of steps 1 and 2
#   DISK_ARTICLES=10000   articles before the data directory is measured
#   STATEMENTS=1000000    statements to fill before the query and restart steps
#   QUERY_REQUESTS=2000   requests per call; QUERY_CLIENTS=4 connections
#   RESTART_RUNS=5        restarts of the filled store
#   SUBSCRIBERS=1000      live subscribers; SUBSCRIBE_WRITES=100 writes;
#                         SUBSCRIBE_CONNECTIONS=8 connections they share
# Bounds and places:
#   STEP_TIMEOUT=3600     seconds any one command of a step may take
#   RESULTS=target/bench-results/<UTC time>   where the JSON and logs go
#   SKIP_ETCD=1           leave out step 1 (no etcd, no Python client)
#   KHABAR_BINARY=path    use that binary instead of `cargo build --release`
#
# Needs about 25 times the text of the filled store free on the disk of
# TMPDIR at today's layout (roughly 25 GB for 1,000,000 statements).
# Each step's data directory is deleted when the step ends.
set -euo pipefail
cd "$(dirname "$0")/.."

ARTICLES="${ARTICLES:-3000}"
CLIENTS="${CLIENTS:-16 64}"
DISK_ARTICLES="${DISK_ARTICLES:-10000}"
STATEMENTS="${STATEMENTS:-1000000}"
QUERY_REQUESTS="${QUERY_REQUESTS:-2000}"
QUERY_CLIENTS="${QUERY_CLIENTS:-4}"
RESTART_RUNS="${RESTART_RUNS:-5}"
SUBSCRIBERS="${SUBSCRIBERS:-1000}"
SUBSCRIBE_WRITES="${SUBSCRIBE_WRITES:-100}"
SUBSCRIBE_CONNECTIONS="${SUBSCRIBE_CONNECTIONS:-8}"
STEP_TIMEOUT="${STEP_TIMEOUT:-3600}"
RESULTS="${RESULTS:-target/bench-results/$(date -u +%Y%m%dT%H%M%SZ)}"
SKIP_ETCD="${SKIP_ETCD:-0}"
read -r -a client_counts <<<"$CLIENTS"

mkdir -p "$RESULTS"
RESULTS="$(cd "$RESULTS" && pwd)"
if [[ -n "${KHABAR_BINARY:-}" ]]; then
    binary="$(realpath "$KHABAR_BINARY")"
else
    cargo build --locked --release --quiet
    binary="$(pwd)/target/release/khabar"
fi

work="$(mktemp -d)"
# About 22.5 KB of data directory per statement at the layout before the
# rework (4.5 GB for 200,000): a warning, since a new layout needs less.
needed_kib=$((STATEMENTS * 22))
free_kib="$(df -Pk "$work" | awk 'NR == 2 { print $4 }')"
if ((free_kib < needed_kib)); then
    echo "warning: $((free_kib / 1024 / 1024)) GiB free where the filled store goes ($work);" \
        "$STATEMENTS statements took about $((needed_kib / 1024 / 1024)) GiB at the old layout" >&2
fi
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]]; then kill -KILL "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# The sizes of this run and the issue's, for the table and the estimate.
cat >"$RESULTS/sizes.json" <<JSON
{"articles": $ARTICLES, "clients": "$CLIENTS", "disk_articles": $DISK_ARTICLES,
 "statements": $STATEMENTS, "query_requests": $QUERY_REQUESTS, "query_clients": $QUERY_CLIENTS,
 "restart_runs": $RESTART_RUNS, "subscribers": $SUBSCRIBERS, "subscribe_writes": $SUBSCRIBE_WRITES,
 "subscribe_connections": $SUBSCRIBE_CONNECTIONS, "skip_etcd": $SKIP_ETCD}
JSON
: >"$RESULTS/steps.tsv"
python3 scripts/bench/targets_table.py estimate "$RESULTS"

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts `khabar serve` on a data directory and waits (bounded) for SERVING.
start_server() { # data_dir log
    local port
    port="$(free_port)"
    export KHABAR_SERVER="http://127.0.0.1:$port"
    "$binary" serve --data-dir "$1" --listen "127.0.0.1:$port" >"$2" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 600); do
        if "$binary" health >/dev/null 2>&1; then return 0; fi
        if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
        sleep 0.1
    done
    echo "the server on $1 did not answer SERVING within 60 s; see $2" >&2
    return 1
}

# SIGTERM, then up to 60 s for a clean exit, then SIGKILL.
stop_server() {
    [[ -n "$server_pid" ]] || return 0
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 600); do
        if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
        sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
}

# `khabar bench …` bounded by the step's time; its JSON goes to a file.
bench() { # output_file arguments…
    local output="$1"
    shift
    timeout "$STEP_TIMEOUT" "$binary" bench "$@" --json >"$output"
}

# Runs one step in a subshell that stops on the first failed command and
# stops its server on the way out; records the step's name, exit status and
# duration in steps.tsv. A failed step does not stop the others.
step() { # name function
    local name="$1" started status
    started="$(date +%s.%N)"
    echo "== $name" >&2
    set +e
    (
        set -e
        trap stop_server EXIT
        "$2"
    )
    status=$?
    set -e
    local seconds
    seconds="$(python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 1))" "$started" "$(date +%s.%N)")"
    printf '%s\t%s\t%s\n' "$name" "$status" "$seconds" >>"$RESULTS/steps.tsv"
    if [[ "$status" != 0 ]]; then echo "   step $name failed ($status); see $RESULTS" >&2; fi
}

step_vs_etcd() {
    KHABAR_BINARY="$binary" BENCH_RESULTS_DIR="$RESULTS" \
        timeout "$STEP_TIMEOUT" bash scripts/bench-vs-etcd.sh --articles "$ARTICLES" "${client_counts[@]}" \
        >"$RESULTS/vs-etcd.log" 2>&1
}

step_stream() {
    for clients in "${client_counts[@]}"; do
        local data="$work/stream-$clients"
        start_server "$data" "$RESULTS/stream-$clients.server.log"
        bench "$RESULTS/stream-$clients.json" ingest --mode stream \
            --clients "$clients" --articles "$ARTICLES" --duration-secs "$STEP_TIMEOUT"
        stop_server
        rm -rf "$data"
    done
}

step_disk() {
    local data="$work/disk"
    start_server "$data" "$RESULTS/disk.server.log"
    bench "$RESULTS/disk-ingest.json" ingest --clients 16 --articles "$DISK_ARTICLES" \
        --duration-secs "$STEP_TIMEOUT"
    stop_server
    local total ballast=0
    total="$(du -sb "$data" | cut -f1)"
    if [[ -e "$data/khabar.ballast" ]]; then
        ballast="$(du -sb "$data/khabar.ballast" | cut -f1)"
    fi
    printf '{"data_dir_bytes": %s, "ballast_bytes": %s}\n' "$total" "$ballast" >"$RESULTS/disk.json"
    rm -rf "$data"
}

step_fill_query_restart() {
    local data="$work/filled"
    start_server "$data" "$RESULTS/fill.server.log"
    bench "$RESULTS/fill.json" fill --statements "$STATEMENTS" --clients 4 \
        --duration-secs "$STEP_TIMEOUT"
    bench "$RESULTS/query.json" query --requests "$QUERY_REQUESTS" --clients "$QUERY_CLIENTS" \
        --page-size 50 --duration-secs "$STEP_TIMEOUT"
    stop_server
    du -sb "$data" | cut -f1 >"$RESULTS/filled-data-dir-bytes.txt"
    timeout "$STEP_TIMEOUT" "$binary" bench restart --data-dir "$data" --runs "$RESTART_RUNS" \
        --json >"$RESULTS/restart.json"
    rm -rf "$data"
}

step_subscribe() {
    local data="$work/subscribe"
    start_server "$data" "$RESULTS/subscribe.server.log"
    bench "$RESULTS/subscribe.json" subscribe --subscribers "$SUBSCRIBERS" \
        --writes "$SUBSCRIBE_WRITES" --connections "$SUBSCRIBE_CONNECTIONS" \
        --server-pid "$server_pid" --duration-secs "$STEP_TIMEOUT"
    stop_server
    rm -rf "$data"
}

if [[ "$SKIP_ETCD" != 1 ]]; then step vs-etcd step_vs_etcd; fi
step stream step_stream
step disk step_disk
step fill-query-restart step_fill_query_restart
step subscribe step_subscribe

python3 scripts/bench/targets_table.py table "$RESULTS" | tee "$RESULTS/targets.md"
echo
echo "raw results: $RESULTS"
