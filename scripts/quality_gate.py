#!/usr/bin/env python3
"""Fails when extraction scores fall below the project's quality bars.

Reads the output of ../shared/eval/score.py on standard input, echoes it, and
exits non-zero if statements F1 or milestones F1 is under its bar, if fewer
matched milestones than the bar have the right part and relation, if more
article checks fail than the bar allows, or if the extractor failed on any
article.

    score.py | quality_gate.py                                 # 0.90 bars, no failed check
    score.py --gold ... | quality_gate.py --bars tests/corpus/bars.json --set dev

The bars file maps a set name to statements_f1, milestones_f1, part_relation
and failed_checks (the most article checks allowed to fail).
"""
import argparse
import json
import re
import sys

DEFAULT_BARS = {"statements_f1": 0.90, "milestones_f1": 0.90, "part_relation": 0.90, "failed_checks": 0}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bars", help="JSON file of bars by set name")
    parser.add_argument("--set", dest="set_name", help="which set of the bars file")
    args = parser.parse_args()
    bars = dict(DEFAULT_BARS)
    if args.bars:
        with open(args.bars, encoding="utf-8") as handle:
            by_set = json.load(handle)
        if args.set_name not in by_set:
            print(f"quality gate: {args.bars} has no bars for {args.set_name!r}", file=sys.stderr)
            return 2
        bars.update(by_set[args.set_name])
    BARS = {
        "statements F1": bars["statements_f1"],
        "milestones F1": bars["milestones_f1"],
        "part/relation": bars["part_relation"],
    }
    text = sys.stdin.read()
    sys.stdout.write(text)
    problems = []
    final = re.search(r"statements F1 ([\d.]+) milestones F1 ([\d.]+) article checks (\d+)/(\d+)", text)
    overall = re.search(r"part/relation right (\d+)/(\d+) \| extractor failures (\d+)", text)
    if not final or not overall:
        print("quality gate: could not read the scores", file=sys.stderr)
        return 2
    statements, milestones = float(final.group(1)), float(final.group(2))
    checks_ok, checks_all = int(final.group(3)), int(final.group(4))
    attrs_ok, attrs_all, failures = (int(overall.group(i)) for i in (1, 2, 3))
    attrs = attrs_ok / attrs_all if attrs_all else 1.0
    for name, value in (("statements F1", statements), ("milestones F1", milestones), ("part/relation", attrs)):
        if value < BARS[name]:
            problems.append(f"{name} {value:.2f} is under {BARS[name]:.2f}")
    if checks_all - checks_ok > bars["failed_checks"]:
        problems.append(
            f"article checks {checks_ok}/{checks_all}: more than {bars['failed_checks']} failed"
        )
    if failures:
        problems.append(f"extractor failed on {failures} article(s)")
    if problems:
        print("quality gate FAILED: " + "; ".join(problems), file=sys.stderr)
        return 1
    print("quality gate passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
