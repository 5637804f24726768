#!/usr/bin/env bash
# Peak memory of a real server under the requests that used to blow it up:
# articles of repeated dates (huge extractions), nine 2 MiB articles listed
# on one page, and a subscriber replaying everything. Loopback only; every
# step is bounded in time. Prints the server's peak RSS (VmHWM) and fails
# when it exceeds the bound (default 512 MiB).
#
#   bash scripts/attack-memory.sh [PATH_TO_KHABAR] [MAX_PEAK_MIB]
set -euo pipefail
cd "$(dirname "$0")/.."

binary="${1:-target/release/khabar}"
max_peak_mib="${2:-512}"
work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -KILL "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
address="127.0.0.1:$port"
export KHABAR_SERVER="http://$address"

python3 - "$work" <<'EOF'
import sys, pathlib
work = pathlib.Path(sys.argv[1])
sentence = "وقال الوزير إن المشروع سينتهي في 15 مارس 2024، وبحلول 30 يونيو 2025. "
for name, size in [("dates-400k.txt", 400_000), ("dates-1900k.txt", 1_900_000)]:
    text = "خطة المشاريع\n\n" + sentence * (size // len(sentence.encode()) + 1)
    (work / name).write_bytes(text.encode()[:size].decode(errors="ignore").encode())
for number in range(9):
    words = " ".join(f"كلمة{number}_{i}" for i in range(110_000))
    (work / f"large-{number}.txt").write_text(f"مقال طويل رقم {number}\n\n{words}\n")
EOF

"$binary" serve --data-dir "$work/data" --listen "$address" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 100); do
    if "$binary" articles list >/dev/null 2>&1; then break; fi
    sleep 0.1
done

step() { echo "== $*"; }
step "ingest articles of repeated dates (refused over the output caps)"
timeout 120 "$binary" ingest --published-at 2024-01-01 "$work/dates-400k.txt" || true
timeout 120 "$binary" ingest --published-at 2024-01-01 "$work/dates-1900k.txt" || true
step "ingest nine 2 MiB articles"
timeout 300 "$binary" ingest --published-at 2024-01-01 "$work"/large-*.txt || true
step "list every article (pages stop at a byte budget)"
timeout 120 "$binary" articles list --all --json >/dev/null || true
step "replay the change stream from the beginning"
timeout 20 "$binary" watch --from-beginning >/dev/null 2>&1 || true

peak_kib="$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")"
kill -TERM "$server_pid"
wait "$server_pid" || true
server_pid=""
peak_mib=$((peak_kib / 1024))
echo "peak RSS of the server: ${peak_mib} MiB (bound ${max_peak_mib} MiB)"
if ((peak_mib > max_peak_mib)); then
    echo "FAILED: peak RSS over the bound" >&2
    exit 1
fi
