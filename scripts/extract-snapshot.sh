#!/usr/bin/env bash
# Writes the JSON extraction of every corpus and fixture article to a
# directory, so that a change meant to keep behaviour can be diffed against
# a snapshot taken before it.
#
#   bash scripts/extract-snapshot.sh [--no-date] OUT_DIR [BINARY]
#   diff -r BEFORE_DIR AFTER_DIR
#
# With --no-date the articles are extracted without a published date, so
# the page's own date line decides the dates (that path is covered too).
set -euo pipefail
date_args=(--published-at 2024-05-20)
if [ "${1:-}" = "--no-date" ]; then
    date_args=()
    shift
fi
out="${1:?usage: extract-snapshot.sh [--no-date] OUT_DIR [BINARY]}"
binary="${2:-target/release/khabar}"
seeds="${KHABAR_SEEDS:-../shared/corpus/seeds}"
mkdir -p "$out"
count=0
for path in tests/corpus/*/articles/*.txt tests/fixtures/*/*.txt tests/fixtures/*.txt "$seeds"/*.txt; do
    [ -f "$path" ] || continue
    name="$(echo "$path" | tr '/' '_')"
    "$binary" extract --json ${date_args[@]+"${date_args[@]}"} "$path" >"$out/$name.json"
    count=$((count + 1))
done
echo "$count articles written to $out"
