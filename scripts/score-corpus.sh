#!/usr/bin/env bash
# Scores the extraction engine with the shared scorer (../shared/eval) on
# every corpus and holds each to its bars (tests/corpus/bars.json, through
# scripts/quality_gate.py):
#   seeds  ../shared/corpus: the five articles the product was designed from
#   dev    tests/corpus/dev: our own articles, the ones rules are tuned on
#   held   tests/corpus/held: our own articles kept apart: only scored, never
#          tuned on, so overfitting to dev shows as a gap between the two
#
#   bash scripts/score-corpus.sh [-v]        # after cargo build --release
#   KHABAR_BINARY=path                        # another binary
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${KHABAR_BINARY:-target/release/khabar}"
scorer=../shared/eval/score.py
if [[ ! -f "$scorer" ]]; then
    echo "score-corpus: $scorer not found; scores skipped"
    exit 0
fi
[[ -x "$binary" ]] || cargo build --release --quiet
command="$binary extract --json --published-at {published_at} {path}"
status=0
for set in seeds dev held; do
    echo "== $set"
    case "$set" in
        seeds) arguments=() ;;
        *) arguments=(--gold "tests/corpus/$set/gold" --articles "tests/corpus/$set/articles") ;;
    esac
    if [[ "$set" != seeds && ! -d "tests/corpus/$set/gold" ]]; then
        echo "no tests/corpus/$set yet"
        continue
    fi
    python3 "$scorer" --cmd "$command" "${arguments[@]}" "$@" |
        python3 scripts/quality_gate.py --bars tests/corpus/bars.json --set "$set" || status=1
done
exit "$status"
