#!/usr/bin/env python3
"""Gradient time of elbo4j-stan against Stan's C++ per posterior, from the output of StanGradients (a TSV).

Usage:
  python3 speed_table.py GRADS.tsv                  the docs/benchmarks.md table and its summary (median, worst,
                                                    the ten hand-ported posteriors against their Java ports)
  python3 speed_table.py GRADS.tsv COVERAGE.txt     COVERAGE.txt (Coverage's markdown table) with a column
                                                    "gradient time vs Stan" added (docs/stan.md)
ratio = elbo4j CPU µs / Stan µs, Stan µs = grad_us - r_call_us of the reference (CPU time, -O3 builds only).
"""
import statistics
import sys

rows = {}
for line in open(sys.argv[1]):
    if line.startswith("#") or line.startswith("posterior\t"):
        continue
    f = line.rstrip("\n").split("\t")
    if len(f) < 12 or not f[7]:
        continue
    rows[f[0]] = {"D": f[1], "stan": float(f[2]), "cpu": float(f[5]), "wall": float(f[6]), "ratio": float(f[7]),
                  "port": f[-4], "sites": f[-3], "port_ratio": f[-2], "load": f[-1]}


def fmt(x):
    return f"{x:.3g}"


if len(sys.argv) > 2:
    for line in open(sys.argv[2]):
        line = line.rstrip("\n")
        if line.startswith("| posterior |"):
            print(line + " gradient time vs Stan |")
        elif line.startswith("| --- |"):
            print(line + " --- |")
        elif line.startswith("| "):
            name = line.split("|")[1].strip()
            r = rows.get(name)
            print(line + (f" {r['ratio']:.2f}x ({fmt(r['cpu'])} / {fmt(r['stan'])} µs) |" if r else "  |"))
        else:
            print(line)
    sys.exit(0)

ratios = sorted(r["ratio"] for r in rows.values())
print("| posterior | D | Stan µs | elbo4j µs (CPU) | ratio | Java port µs | Stan program via trace µs | program / port | load |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for n, r in sorted(rows.items()):
    print(f"| {n} | {r['D']} | {fmt(r['stan'])} | {fmt(r['cpu'])} | {r['ratio']:.2f} | {r['port']} | {r['sites']} | "
          f"{r['port_ratio']} | {r['load']} |")
worst = max(rows.items(), key=lambda kv: kv[1]["ratio"])
print()
print(f"posteriors timed: {len(ratios)}; median ratio {statistics.median(ratios):.2f}; "
      f"worst {worst[1]['ratio']:.1f} ({worst[0]}); faster than Stan: {sum(1 for x in ratios if x < 1)}; "
      f"<= 1.5: {sum(1 for x in ratios if x <= 1.5)}; > 5: {sum(1 for x in ratios if x > 5)}")
pr = [float(r["port_ratio"]) for r in rows.values() if r["port_ratio"]]
if pr:
    print(f"hand-ported posteriors: {len(pr)}; Stan program / Java port (through AutoGuide.logDensity): median "
          f"{statistics.median(pr):.2f}, worst {max(pr):.2f}, within 1.3x: {sum(1 for x in pr if x <= 1.3)}")
