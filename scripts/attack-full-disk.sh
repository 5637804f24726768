#!/usr/bin/env bash
# A really full disk, on a 24 MiB tmpfs (needs root for mount; loopback only;
# every wait bounded; cleans up). Runs the real binary and checks:
#  1. filled below the reserve: writes answer RESOURCE_EXHAUSTED naming the
#     directory and the free space, health NOT_SERVING, reads work;
#  2. space freed: health SERVING again and writes succeed, no restart;
#  3. SIGTERM while full: exits 0 with a true closing message;
#  4. restart on a full disk: starts read-only (reads served, writes refused);
#  5. khabar fills the disk itself with the smallest reserve (4 MiB): writes
#     are refused with RESOURCE_EXHAUSTED before the storage engine runs out
#     of room, SIGTERM exits 0, and after a restart with more space every
#     acknowledged article is there.
#
#   sudo bash scripts/attack-full-disk.sh [PATH_TO_KHABAR]
set -euo pipefail
cd "$(dirname "$0")/.."

binary="$(realpath "${1:-target/debug/khabar}")"
if [[ $(id -u) -ne 0 ]]; then
    echo "attack-full-disk: needs root to mount a tmpfs; skipped" >&2
    exit 2
fi

work="$(mktemp -d)"
disk="$work/disk"
data="$disk/data"
log="$work/server.log"
server_pid=""
mkdir -p "$disk" "$work/articles"

cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    umount "$disk" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
mount -t tmpfs -o size=24m tmpfs "$disk"

fail() {
    echo "FAIL: $*" >&2
    echo "--- server log (last 20 lines)" >&2
    tail -n 20 "$log" >&2 || true
    exit 1
}
pass() { echo "ok: $*"; }

article() { # number [padding-lines]
    local file="$work/articles/$1.txt"
    {
        echo "Ministry announces water plan number $1"
        echo
        echo "The minister Salem Harbi said on 15 March 2024 that \"phase $1 of the plan will end before June 2025\"."
        # Padding that does not compress (the store compresses its
        # values): random bytes as base64 lines.
        if [[ ${2:-0} -gt 0 ]]; then
            head -c $((${2} * 60)) /dev/urandom | base64 -w 80
        fi
    } >"$file"
    echo "$file"
}

start_server() { # reserve-bytes
    : >"$log"
    "$binary" serve --data-dir "$data" --listen 127.0.0.1:0 --log-format json \
        --min-free-bytes "$1" 2>>"$log" >/dev/null &
    server_pid=$!
    for _ in $(seq 1 200); do
        address="$(grep -o '"address":"[^"]*"' "$log" | head -n1 | cut -d'"' -f4 || true)"
        if [[ -n "$address" ]]; then
            server="http://$address"
            return 0
        fi
        kill -0 "$server_pid" 2>/dev/null || fail "server exited at start"
        sleep 0.1
    done
    fail "server did not start within 20 s"
}

stop_server() { # -> exit status in $stopped_status
    kill -TERM "$server_pid"
    stopped_status=0
    wait "$server_pid" || stopped_status=$?
    server_pid=""
}

health() { "$binary" health --server "$server" 2>&1 || true; }

await_health() { # wanted
    for _ in $(seq 1 100); do
        [[ "$(health)" == "$1" ]] && return 0
        sleep 0.1
    done
    fail "health did not become $1 within 10 s (last: $(health))"
}

fill_disk() { dd if=/dev/zero of="$disk/filler" bs=64k status=none 2>/dev/null || true; }
free_kib() { df --output=avail -k "$disk" | tail -n1 | tr -d ' '; }

echo "== 1. a disk filled below the reserve (4 MiB)"
start_server $((4 * 1024 * 1024))
"$binary" ingest --server "$server" "$(article 1)" >/dev/null || fail "first ingest"
[[ "$(health)" == "SERVING" ]] || fail "not SERVING at start"
fill_disk
echo "free after filling: $(free_kib) KiB"
answer="$("$binary" ingest --server "$server" "$(article 2)" 2>&1 || true)"
echo "$answer" | grep -q "ResourceExhausted\|RESOURCE_EXHAUSTED" || fail "write not refused: $answer"
echo "$answer" | grep -q "$data" || fail "refusal does not name the directory: $answer"
echo "$answer" | grep -q "bytes free" || fail "refusal does not give the free space: $answer"
pass "write refused: $(echo "$answer" | grep -m1 -o 'the disk holding.*retry')"
await_health NOT_SERVING
pass "health NOT_SERVING"
"$binary" articles list --server "$server" >/dev/null || fail "reads fail while full"
pass "reads work while full"

echo "== 2. space returns"
rm -f "$disk/filler"
await_health SERVING
pass "health SERVING again without a restart"
answer="$("$binary" ingest --server "$server" "$(article 2)" 2>&1 || true)"
[[ "$answer" == new:* ]] || fail "write after space returned: $answer"
pass "writes succeed again"

echo "== 3. SIGTERM while full"
fill_disk
"$binary" ingest --server "$server" "$(article 3)" >/dev/null 2>&1 && fail "write accepted on a full disk"
stop_server
[[ $stopped_status -eq 0 ]] || fail "SIGTERM while full exited $stopped_status"
grep -q "every acknowledged write is durable" "$log" || fail "no closing message"
pass "SIGTERM while full: exit 0, \"$(grep -o 'store closed[^"]*' "$log" | tail -n1)\""

echo "== 4. restart on a full disk"
start_server $((4 * 1024 * 1024))
grep -q "store opened read-only" "$log" || fail "no read-only start message"
[[ "$(health)" == "NOT_SERVING" ]] || fail "health after a full-disk start: $(health)"
listed="$("$binary" articles list --server "$server" --all --json 2>&1 || true)"
grep -q "plan number 2" <<<"$listed" || fail "reads after a full-disk start"
answer="$("$binary" ingest --server "$server" "$(article 4)" 2>&1 || true)"
echo "$answer" | grep -q "ResourceExhausted\|RESOURCE_EXHAUSTED" || fail "write on a read-only start: $answer"
pass "started read-only: reads served, writes refused, health NOT_SERVING"
stop_server
rm -f "$disk/filler"

echo "== 5. khabar fills the disk itself (smallest reserve, 4 MiB)"
start_server $((4 * 1024 * 1024))
acknowledged=()
refusal=""
for number in $(seq 100 600); do
    file="$(article "$number" 400)"
    if output="$("$binary" ingest --server "$server" "$file" 2>&1)"; then
        acknowledged+=("$number")
    else
        refusal="$output"
        break
    fi
done
[[ -n "$refusal" ]] || fail "the disk never filled"
echo "$refusal" | grep -q "ResourceExhausted\|RESOURCE_EXHAUSTED" || fail "refusal: $refusal"
pass "${#acknowledged[@]} writes acknowledged, then refused with $(free_kib) KiB free: $(echo "$refusal" | grep -m1 -o 'ResourceExhausted: .*' | cut -c1-160)"
# A refused large write can leave room for smaller ones, and the store
# stays SERVING while the smallest write still fits beside the reserve. Fill
# on with smaller articles until even one with no padding is refused: then
# health must say NOT_SERVING.
number=700
for padding in 100 25 0; do
    for _ in $(seq 1 300); do
        number=$((number + 1))
        file="$(article "$number" "$padding")"
        if "$binary" ingest --server "$server" "$file" >/dev/null 2>&1; then
            acknowledged+=("$number")
        else
            break
        fi
    done
done
pass "${#acknowledged[@]} writes acknowledged once smaller articles filled the rest; $(free_kib) KiB free"
await_health NOT_SERVING
pass "health NOT_SERVING"
stop_server
[[ $stopped_status -eq 0 ]] || fail "SIGTERM after khabar filled the disk exited $stopped_status"
pass "SIGTERM: exit 0, \"$(grep -o 'store closed[^"]*' "$log" | tail -n1)\""

echo "== 5b. restart with more space: every acknowledged article is there"
mount -o remount,size=96m "$disk"
start_server $((4 * 1024 * 1024))
listed="$("$binary" articles list --server "$server" --all --json 2>&1 || true)"
missing=0
for number in "${acknowledged[@]}"; do
    grep -q "plan number $number\b" <<<"$listed" || missing=$((missing + 1))
done
[[ $missing -eq 0 ]] || fail "$missing acknowledged articles lost"
await_health SERVING
pass "all ${#acknowledged[@]} acknowledged articles present after restart; health SERVING"
stop_server
echo "attack-full-disk: all checks passed"
