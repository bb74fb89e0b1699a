#!/usr/bin/env python3
"""Print the BENCHMARKS.md tables from the last `cargo bench --bench wire` run
(criterion's target/criterion/*/*/new/{estimates,benchmark}.json).
Usage, from benches/: python3 report.py [CRITERION_DIR]"""
import json
import pathlib
import sys

root = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else (
    pathlib.Path(__file__).resolve().parent / "target" / "criterion")


def load(group):
    rows = {}
    found = sorted((root / group).rglob("new/estimates.json")) if (root / group).exists() else []
    for estimates in found:
        new = estimates.parent
        if not (new / "benchmark.json").exists():
            continue  # an interrupted benchmark
        meta = json.loads((new / "benchmark.json").read_text())
        est = json.loads((new / "estimates.json").read_text())
        name = meta["function_id"] + (f" ({meta['value_str']})" if meta.get("value_str") else "")
        tp = meta.get("throughput") or {}
        rows[name] = (est["median"]["point_estimate"], tp.get("Bytes"))
    return rows


def fmt_time(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.2f} µs"
    return f"{ns:.0f} ns"


def table(group, refs):
    rows = load(group)
    if not rows:
        return
    size = next(iter(rows.values()))[1]
    print(f"### {group} ({size:,} bytes)\n" if size else f"### {group}\n")
    head = "| contender | median | MB/s | " + " | ".join(f"÷ {short}" for short, _ in refs) + " |"
    print(head)
    print("|" + " --- |" * (3 + len(refs)))
    for name, (ns, size) in sorted(rows.items(), key=lambda kv: kv[1][0]):
        mbs = f"{size / ns * 1e9 / 1e6:.0f}" if size else ""
        ratios = []
        for _, ref in refs:
            r = rows.get(ref)
            ratios.append(f"{ns / r[0]:.2f}x" if r else "")
        print(f"| {name} | {fmt_time(ns)} | {mbs} | " + " | ".join(ratios) + " |")
    print()


PARSE_REFS = [
    ("serde_json derive", "serde_json derive (hand-written)"),
    ("aws-sdk-ssm deser.", "aws-sdk-ssm deserializer (codec, no client)"),
    ("aws-sdk-ssm client", "aws-sdk-ssm client end to end"),
    ("sonic-rs", "sonic-rs derive"),
]
for n in ["1", "100", "1000", "10000"]:
    table(f"parse_{n}", PARSE_REFS)
table("parse_tiny", [("serde_json derive", "serde_json derive (hand-written)")])
table("request", [("serde_json derive", "serde_json derive (hand-written) to_vec")])

tiny = load("parse_tiny").get("aws-sdk-ssm client end to end")
if tiny:
    print("aws-sdk-ssm client minus its tiny-body call (fixed per-call cost subtracted):\n")
    print("| sessions | client − tiny | ÷ serde_json derive | ÷ ssm parse_response |")
    print("| --- | --- | --- | --- |")
    for n in ["1", "100", "1000", "10000"]:
        rows = load(f"parse_{n}")
        if "aws-sdk-ssm client end to end" in rows:
            net = rows["aws-sdk-ssm client end to end"][0] - tiny[0]
            hw = rows["serde_json derive (hand-written)"][0]
            ours = rows["ssm parse_response"][0]
            print(f"| {n} | {fmt_time(net)} | {net / hw:.2f}x | {net / ours:.2f}x |")
    print(f"\n(tiny-body client call: {fmt_time(tiny[0])})")

print("\nTargets (ratios of medians from this run):\n")
print("| sessions | ssm parse_response ÷ serde_json derive (target ≤ 1.0) | aws-sdk-ssm deser. ÷ ssm parse_response (target ≥ 2.0) | ssm via serde_json::from_slice ÷ serde_json derive |")
print("| --- | --- | --- | --- |")
for n in ["1", "100", "1000", "10000"]:
    rows = load(f"parse_{n}")
    if not rows:
        continue
    hw = rows["serde_json derive (hand-written)"][0]
    pr = rows["ssm parse_response"][0]
    via = rows["ssm via serde_json::from_slice"][0]
    sdk = rows["aws-sdk-ssm deserializer (codec, no client)"][0]
    print(f"| {n} | {pr / hw:.2f}x | {sdk / pr:.2f}x | {via / hw:.2f}x |")
