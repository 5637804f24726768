"""The summary of scripts/bench-targets.sh: reads the JSON files of a results
directory and prints one Markdown table (target, measured, met?), the time
each step took, and that time carried over to the issue's sizes.

    python3 targets_table.py estimate RESULTS   # before the run: expected time
    python3 targets_table.py table RESULTS      # after the run: the table

Only the standard library; a missing or broken file makes its rows say
"not measured" instead of failing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# The sizes: a run at these sizes is evidence; smaller is a dry run.
FULL = {
    "articles": 3000,
    "disk_articles": 10000,
    "statements": 1_000_000,
    "query_requests": 2000,
    "restart_runs": 5,
    "subscribers": 1000,
    "subscribe_writes": 100,
}
# 20 KB per idle subscriber, read as 20,000 bytes.
IDLE_SUBSCRIBER_BYTES = 20_000

# Rates of the store before the rework (BENCHMARKS.md), for the estimate.
ETCD_PUTS_PER_SECOND = 3000
KHABAR_ARTICLES_PER_SECOND = 300
FILL_ARTICLES_PER_SECOND = 120
STATEMENTS_PER_ARTICLE = 11
QUERY_SECONDS_PER_REQUEST = 0.004
RESTART_SECONDS_PER_MILLION_STATEMENTS = 14.0


def load(results: Path, name: str):
    try:
        return json.loads((results / name).read_text())
    except (OSError, ValueError):
        return None


def load_lines(results: Path, name: str) -> list:
    try:
        return [json.loads(line) for line in (results / name).read_text().splitlines() if line]
    except (OSError, ValueError):
        return []


def client_counts(sizes: dict) -> list[int]:
    return [int(count) for count in str(sizes["clients"]).split()]


def expected_seconds(sizes: dict) -> dict[str, float]:
    """Seconds per step at `sizes`, from the rates of the store before the rework."""
    counts = len(client_counts(sizes))
    articles = sizes["articles"]
    steps = {
        "vs-etcd": 0.0 if sizes["skip_etcd"] else
        15 + counts * (articles / ETCD_PUTS_PER_SECOND + articles / KHABAR_ARTICLES_PER_SECOND + 3),
        "stream": counts * (articles / KHABAR_ARTICLES_PER_SECOND + 1),
        "disk": sizes["disk_articles"] / KHABAR_ARTICLES_PER_SECOND + 5,
    }
    million = sizes["statements"] / 1_000_000
    steps["fill-query-restart"] = (
        sizes["statements"] / STATEMENTS_PER_ARTICLE / FILL_ARTICLES_PER_SECOND
        + 4 * sizes["query_requests"] * QUERY_SECONDS_PER_REQUEST
        + sizes["restart_runs"] * (RESTART_SECONDS_PER_MILLION_STATEMENTS * million + 2)
    )
    steps["subscribe"] = 5 + sizes["subscribers"] * 0.003 + sizes["subscribe_writes"] * 0.1
    return steps


def minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f} min"


def estimate(results: Path) -> None:
    sizes = load(results, "sizes.json")
    here = sum(expected_seconds(sizes).values())
    full = sum(expected_seconds({**sizes, **FULL}).values())
    print(f"expected duration at these sizes: about {minutes(here)}; at the issue's sizes "
          f"about {minutes(full)} (from the rates of the store before the rework, "
          "BENCHMARKS.md; a faster store takes less)", file=sys.stderr)


def ratio_text(value: float, bound: float) -> str:
    return f"{value / bound:.2f}×" if bound else "–"


def verdict(met: bool | None, at_full_size: bool) -> str:
    if met is None:
        return "not measured"
    word = "yes" if met else "no"
    return word if at_full_size else f"{word} (dry run)"


def table(results: Path) -> None:
    sizes = load(results, "sizes.json") or {}
    rows: list[tuple[str, str, str]] = []
    full_articles = sizes.get("articles", 0) >= FULL["articles"]

    vs_etcd = {(row["target"], row["clients"]): row for row in load_lines(results, "vs-etcd.jsonl")}
    for clients in client_counts(sizes):
        etcd = vs_etcd.get(("etcd", clients))
        khabar = vs_etcd.get(("khabar", clients))
        stream = load(results, f"stream-{clients}.json")
        etcd_rate = etcd["docs_per_second"] if etcd else None
        if etcd and khabar:
            rate = khabar["docs_per_second"]
            rows.append((f"IngestArticle ≥ etcd Put, {clients} clients",
                         f"{rate:,.0f} vs {etcd_rate:,.0f} docs/s ({ratio_text(rate, etcd_rate)})",
                         verdict(rate >= etcd_rate, full_articles)))
        else:
            rows.append((f"IngestArticle ≥ etcd Put, {clients} clients", "–", verdict(None, False)))
        if stream and etcd_rate:
            rate = stream["ops_per_sec"]
            rows.append((f"IngestArticles stream ≥ 2× etcd Put, {clients} clients",
                         f"{rate:,.0f} vs 2 × {etcd_rate:,.0f} docs/s ({ratio_text(rate, 2 * etcd_rate)})",
                         verdict(rate >= 2 * etcd_rate and stream["errors"] == 0, full_articles)))
        elif stream:
            rows.append((f"IngestArticles stream ≥ 2× etcd Put, {clients} clients",
                         f"{stream['ops_per_sec']:,.0f} docs/s (no etcd figure)", verdict(None, False)))

    disk = load(results, "disk.json")
    ingest = load(results, "disk-ingest.json")
    if disk and ingest and ingest.get("text_bytes"):
        text = ingest["text_bytes"]
        without = disk["data_dir_bytes"] - disk["ballast_bytes"]
        rows.append((f"data dir ≤ 2× text after {ingest['created']:,} articles",
                     f"{without / 1e6:,.1f} MB = {without / text:.2f}× text without the ballast; "
                     f"{disk['data_dir_bytes'] / 1e6:,.1f} MB = {disk['data_dir_bytes'] / text:.2f}× with it "
                     f"(text {text / 1e6:,.1f} MB)",
                     verdict(without <= 2 * text, ingest["created"] >= FULL["disk_articles"])))
    else:
        rows.append(("data dir ≤ 2× text after 10,000 articles", "–", verdict(None, False)))

    fill = load(results, "fill.json")
    query = load(results, "query.json")
    statements = fill["planned_statements"] if fill else 0
    full_store = statements >= FULL["statements"]
    calls = {call["call"]: call for call in (query or {}).get("calls", [])}
    for name, bound, what in [("ListStatements", 2.0, "filtered by speaker"),
                              ("ListMilestones", 2.0, "filtered by a when-range"),
                              ("GetArticle", 1.0, "by id")]:
        call = calls.get(name)
        label = f"{name} p99 < {bound:g} ms, {what}, {statements:,} statements"
        if call:
            p99 = call["latency_ms"]["p99"]
            rows.append((label, f"p99 {p99:.3f} ms (p50 {call['latency_ms']['p50']:.3f}, "
                                f"{call['rows']:,} rows, {call['errors']} errors)",
                         verdict(p99 < bound and call["errors"] == 0, full_store)))
        else:
            rows.append((label, "–", verdict(None, False)))

    restart = load(results, "restart.json")
    if restart:
        serving = restart["serving_ms"]
        first = restart["first_get_article_ms"]
        rows.append((f"restart < 2 s, {statements:,} statements",
                     f"SERVING p50 {serving['p50']:.0f} ms, max {serving['max']:.0f} ms; first GetArticle "
                     f"p50 {first['p50']:.0f} ms, max {first['max']:.0f} ms ({serving['samples']} runs)",
                     verdict(first["max"] < 2000, full_store)))
    else:
        rows.append(("restart < 2 s", "–", verdict(None, False)))

    subscribe = load(results, "subscribe.json")
    if subscribe:
        subscribers = subscribe["subscribers"]
        full_subscribers = subscribers >= FULL["subscribers"]
        commit = subscribe["commit_to_delivery_ms"]
        rows.append((f"commit-to-delivery p99 < 10 ms, {subscribers:,} subscribers",
                     f"p99 {commit['p99']:.2f} ms (p50 {commit['p50']:.2f}; {subscribe['deliveries']:,} of "
                     f"{subscribe['expected_deliveries']:,} delivered; send-to-delivery p99 "
                     f"{subscribe['send_to_delivery_ms']['p99']:.2f} ms)",
                     verdict(commit["p99"] < 10 and subscribe["missing_deliveries"] == 0,
                             full_subscribers)))
        memory = subscribe.get("server_memory")
        if memory:
            per = memory["bytes_per_idle_subscriber"]
            rows.append((f"≤ 20 KB per idle subscriber, {subscribers:,} subscribers",
                         f"{per:,.0f} bytes ({per / 1024:.1f} KiB; VmRSS {memory['rss_before_kib']:,} → "
                         f"{memory['rss_idle_kib']:,} KiB)",
                         verdict(per <= IDLE_SUBSCRIBER_BYTES, full_subscribers)))
    else:
        rows.append(("Subscribe: commit-to-delivery and memory", "–", verdict(None, False)))

    print("| target | measured | met? |")
    print("|---|---|---|")
    for target, measured, met in rows:
        print(f"| {target} | {measured} | {met} |")
    if any("dry run" in met for _, _, met in rows):
        print("\n\"dry run\": measured at a smaller size than the issue's target; not evidence either way.")
    print_durations(results, sizes)


def measured_work(results: Path, sizes: dict, name: str) -> tuple[float, float] | None:
    """Seconds of size-dependent work in step `name`: as measured, and the
    same work at the issue's sizes at the rates measured. None when the
    step's results are missing."""
    def rate_seconds(rate: float, count: float) -> float:
        return count / rate if rate else 0.0

    if name == "vs-etcd":
        rows = load_lines(results, "vs-etcd.jsonl")
        if not rows:
            return None
        here = sum(row["seconds"] for row in rows)
        full = sum(rate_seconds(row["docs_per_second"], FULL["articles"]) for row in rows)
        return here, full
    if name == "stream":
        runs = [load(results, f"stream-{count}.json") for count in client_counts(sizes)]
        if not all(runs):
            return None
        here = sum(run["elapsed_secs"] for run in runs)
        return here, sum(rate_seconds(run["ops_per_sec"], FULL["articles"]) for run in runs)
    if name == "disk":
        ingest = load(results, "disk-ingest.json")
        if not ingest:
            return None
        return ingest["elapsed_secs"], rate_seconds(ingest["ops_per_sec"], FULL["disk_articles"])
    if name == "fill-query-restart":
        fill, query, restart = (load(results, f"{part}.json") for part in ("fill", "query", "restart"))
        if not (fill and query and restart and fill["planned_statements"]):
            return None
        growth = FULL["statements"] / fill["planned_statements"]
        query_here = sum(call["elapsed_secs"] for call in query["calls"])
        restart_here = sum(run["first_get_article_ms"] + run["stopped_in_ms"] for run in restart["runs"]) / 1000
        here = fill["elapsed_secs"] + query_here + restart_here
        full = (fill["elapsed_secs"] * growth
                + query_here * FULL["query_requests"] / max(1, sizes["query_requests"])
                + restart_here * growth * FULL["restart_runs"] / max(1, len(restart["runs"])))
        return here, full
    if name == "subscribe":
        subscribe = load(results, "subscribe.json")
        if not subscribe:
            return None
        here = subscribe["elapsed_secs"]
        return here, here * FULL["subscribers"] / max(1, subscribe["subscribers"])
    return None


def print_durations(results: Path, sizes: dict) -> None:
    try:
        steps = [line.split("\t") for line in (results / "steps.tsv").read_text().splitlines() if line]
    except OSError:
        return
    if not sizes:
        return
    here = expected_seconds(sizes)
    full = expected_seconds({**sizes, **FULL})
    print("\n| step | status | took | at the issue's sizes, about |")
    print("|---|---|---|---|")
    total = 0.0
    for name, status, seconds in steps:
        took = float(seconds)
        work = measured_work(results, sizes, name)
        if work:
            # The step's fixed part as it was, its work at the measured rates.
            scaled = max(0.0, took - work[0]) + work[1]
        else:
            scaled = took * full[name] / here[name] if here.get(name) else took
        total += scaled
        print(f"| {name} | {'ok' if status == '0' else 'failed (' + status + ')'} | "
              f"{took:.0f} s | {minutes(scaled)} |")
    print(f"\nThe same run at the issue's sizes would take about {minutes(total)}, at the rates this run "
          "measured (a store that slows as it grows takes longer; the fill dominates).")


def main() -> None:
    if len(sys.argv) != 3 or sys.argv[1] not in ("estimate", "table"):
        sys.exit(__doc__)
    results = Path(sys.argv[2])
    if sys.argv[1] == "estimate":
        estimate(results)
    else:
        table(results)


if __name__ == "__main__":
    main()
