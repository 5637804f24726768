#!/usr/bin/env python3
"""Fails when extraction scores fall below the project's quality bars.

Reads the output of ../shared/eval/score.py on standard input, echoes it, and
exits non-zero if statements F1 or milestones F1 is under 0.90, if fewer than
90% of matched milestones have the right part and relation, if an article
check fails, or if the extractor failed on any article.
"""
import re
import sys

BARS = {"statements F1": 0.90, "milestones F1": 0.90, "part/relation": 0.90}


def main():
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
    if checks_ok < checks_all:
        problems.append(f"article checks {checks_ok}/{checks_all}")
    if failures:
        problems.append(f"extractor failed on {failures} article(s)")
    if problems:
        print("quality gate FAILED: " + "; ".join(problems), file=sys.stderr)
        return 1
    print("quality gate passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
