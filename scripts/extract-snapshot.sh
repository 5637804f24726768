#!/usr/bin/env bash
# Writes the JSON extraction of every corpus and fixture article to a
# directory, so that a change meant to keep behaviour can be diffed against
# a snapshot taken before it.
#
#   bash scripts/extract-snapshot.sh OUT_DIR [BINARY]
#   diff -r BEFORE_DIR AFTER_DIR
set -euo pipefail
out="${1:?usage: extract-snapshot.sh OUT_DIR [BINARY]}"
binary="${2:-target/release/khabar}"
seeds="${KHABAR_SEEDS:-../shared/corpus/seeds}"
mkdir -p "$out"
count=0
for path in tests/corpus/*/articles/*.txt tests/fixtures/*/*.txt tests/fixtures/*.txt "$seeds"/*.txt; do
    [ -f "$path" ] || continue
    name="$(echo "$path" | tr '/' '_')"
    "$binary" extract --json --published-at 2024-05-20 "$path" >"$out/$name.json"
    count=$((count + 1))
done
echo "$count articles written to $out"
