#!/usr/bin/env python3
"""Summarises `elbo4j check` runs side by side: worst |dmean|/sd (k-hat) per posterior, guide and variant.

Usage: python3 summarize.py RESULTS_DIR [EXTRA...]   (RESULTS_DIR/<variant>/check.json, as ablation.sh writes them;
       EXTRA: more subdirectories to add as columns, e.g. full)
Prints a markdown table, then per variant: the largest worst-z, how many fits are off by more than 0.5 sd, and how
many of those have k-hat <= 0.7 (silent failures), and the total fit time.
"""
import json
import jsonio
import os
import sys

root = sys.argv[1]
order = ["default", "no-laplace", "one-particle", "no-anneal", "one-restart", "no-stl", "averaging"]
variants = [v for v in order if jsonio.exists(os.path.join(root, v, "check.json"))]
variants += [v for v in sys.argv[2:] if v not in variants]  # other runs to add, e.g. "full"
runs = {v: jsonio.load(os.path.join(root, v, "check.json")) for v in variants}
keys = []
for p in runs[variants[0]]["posteriors"]:
    keys.append((p["posterior"], p["guide"]))
print("| posterior | guide | " + " | ".join(variants) + " |")
print("| --- | --- |" + " ---: |" * len(variants))
for post, guide in keys:
    cells = []
    for v in variants:
        m = [p for p in runs[v]["posteriors"] if p["posterior"] == post and p["guide"] == guide]
        cells.append("%.3f (%.2f)" % (m[0]["worst_z"], m[0]["pareto_k"]) if m else "")
    print("| %s | %s | %s |" % (post.split("-")[0], guide, " | ".join(cells)))
print()
for v in variants:
    ps = runs[v]["posteriors"]
    wrong = [p for p in ps if p["worst_z"] > 0.5]
    silent = [p for p in wrong if not p["pareto_k"] > 0.7]
    print("- %s: worst %.3f, %d of %d off by > 0.5 sd, %d silent; fit time %.0f s (wall time under whatever load the machine had then); command `%s`" % (
        v, max(p["worst_z"] for p in ps), len(wrong), len(ps), len(silent), sum(p["seconds"] for p in ps),
        runs[v]["command"]))
