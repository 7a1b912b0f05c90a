#!/usr/bin/env python3
"""Hookscope's rows against every peer of one run-peers.sh run, as ratios.

Usage: ratios.py OUT_DIR   (run by bench/run-receiver.sh; reads the same files as
the harness's summarize.py, whose parsers it reuses)."""
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "out", "harness", "peers"))
from summarize import parse_wrk, read_meta  # noqa: E402


def row(out, name):
    d = os.path.join(out, name)
    meta = read_meta(os.path.join(d, "meta"))
    runs = {"c50": [], "c1": []}
    for kind in runs:
        for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if f.startswith(kind + ".r") and f.endswith(".txt"):
                r = parse_wrk(os.path.join(d, f))
                if r and r["ok"]:
                    runs[kind].append(r)
    if not runs["c50"]:
        return None
    med = lambda k, key: statistics.median(r[key] for r in runs[k] if r[key] is not None)
    errors = sum(r["non2xx"] + sum(r["sock"].values()) for k in runs for r in runs[k])
    burst = parse_wrk(os.path.join(d, "burst.txt")) or {}
    return {
        "name": name,
        "c50": med("c50", "rps"), "c50_p50": med("c50", "p50"), "c50_p99": med("c50", "p99"),
        "c1": med("c1", "rps"), "c1_p50": med("c1", "p50"), "c1_p99": med("c1", "p99"),
        "rss1": int(meta.get("rss_phase1_kib", 0) or 0) / 1024,
        "rss_burst": int(meta.get("rss_burst_kib", 0) or 0) / 1024,
        "errors": errors + (burst.get("non2xx", 0) or 0) + sum((burst.get("sock") or {}).values()),
        "burst_rps": burst.get("rps"),
        "recorded": (meta.get("burst_count_before"), meta.get("burst_count_after")),
    }


def main(out):
    names = [n.strip() for n in open(os.path.join(out, "rows")) if n.strip()]
    rows = {n: r for n in names if (r := row(out, n))}
    ours = [n for n in rows if n.startswith("hookscope")]
    peers = [n for n in rows if not n.startswith("hookscope")]
    print("| row | c50 req/s | c50 p50 / p99 ms | c1 req/s | c1 p50 / p99 ms | peak RSS MiB (phase 1 / burst) | non-2xx + socket errors | burst req/s |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|")
    for n in names:
        if n in rows:
            r = rows[n]
            print(f"| {n} | {r['c50']:,.0f} | {r['c50_p50']:.2f} / {r['c50_p99']:.2f} | {r['c1']:,.0f} | "
                  f"{r['c1_p50']:.3f} / {r['c1_p99']:.2f} | {r['rss1']:.0f} / {r['rss_burst']:.0f} | {r['errors']} | "
                  f"{(r['burst_rps'] or 0):,.0f} |")
    print()
    for o in ours:
        r = rows[o]
        print(f"**{o}** ratio to each peer (c50 req/s, c1 req/s):")
        for p in peers:
            q = rows[p]
            print(f"- {p}: c50 {r['c50'] / q['c50']:.2f}x, c1 {r['c1'] / q['c1']:.2f}x")
        checks = []
        if "mockttp" in rows:
            checks.append(("c50 >= 3x mockttp", r["c50"] >= 3 * rows["mockttp"]["c50"]))
        if "node-http" in rows:
            checks.append(("c50 > node-http", r["c50"] > rows["node-http"]["c50"]))
        checks.append(("zero non-2xx and socket errors", r["errors"] == 0))
        checks.append(("peak RSS < 100 MiB (phase 1 and burst)", max(r["rss1"], r["rss_burst"]) < 100))
        checks.append(("c1 p99 < 2 ms", r["c1_p99"] < 2.0))
        b, a = r["recorded"]
        if b and a and b.isdigit() and a.isdigit():
            checks.append((f"burst recorded {int(a) - int(b)} events (wrk completed 10,000)", int(a) - int(b) >= 10000))
        if o == "hookscope-normal" and "hookscope-novalidate" in rows:
            off = rows["hookscope-novalidate"]["c50"]
            checks.append((f"validation on keeps {r['c50'] / off:.0%} of validation-off c50 (target >= 90%)",
                           r["c50"] >= 0.9 * off))
        for label, ok in checks:
            print(f"  - [{'x' if ok else ' '}] {label}")
        print()


if __name__ == "__main__":
    main(sys.argv[1])
