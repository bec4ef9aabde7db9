#!/usr/bin/env python3
"""Markdown table of the rstan reference values: every posterior of the corpus with its status (reference written,
failed with the stage and reason, or not run yet), D, Stan's gradient time and R's call overhead.

Usage: python3 summarize.py [--corpus DIR] [--out DIR]   (defaults as run_all.sh)
"""
import gzip
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
corpus = "/work/shared/data/posteriordb-all"
out = os.path.normpath(os.path.join(here, "../../../elbo4j-stan/src/test/resources/org/elbo4j/stan/reference"))
args = sys.argv[1:]
for i, a in enumerate(args):
    if a == "--corpus":
        corpus = args[i + 1]
    if a == "--out":
        out = args[i + 1]

index = json.load(open(os.path.join(corpus, "index.json")))
failures = {}
fpath = os.path.join(out, "failures.tsv")
if os.path.exists(fpath):
    for line in open(fpath):
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 3:
            failures[parts[0]] = (parts[1], parts[2])
rows, done, failed = [], 0, 0
for p in index:
    n = p["posterior"]
    f = os.path.join(out, n + ".json")
    ref = "yes" if p.get("reference") else ""
    if os.path.exists(f) or os.path.exists(f + ".gz"):
        r = json.load(open(f)) if os.path.exists(f) else json.load(gzip.open(f + ".gz", "rt"))
        d = r["num_upars"]
        # the file is what the contract says: >= 3 points, each with D upars (or the seed of generated ones), a finite
        # log_prob and D finite gradients (or one per "grad_index" entry: a gradient subset, docs/stan-reference.md)
        assert len(r["points"]) >= 3, (n, "points")
        n_grad = len(r["grad_index"]) if "grad_index" in r else d
        for pt in r["points"]:
            assert ("upars_seed" in pt or len(pt["upars"]) == d) and len(pt["grad"]) == n_grad, (n, "sizes")
            assert all(isinstance(v, (int, float)) and abs(v) < float("inf") for v in [pt["log_prob"]] + pt["grad"]), (n, "finite")
        done += 1
        rows.append("| %s | %s | reference | %d | %s | %s | %d |" % (
            n, ref, r["num_upars"], r["grad_us"], r.get("r_call_us", ""), len(r["points"])))
    elif n in failures:
        failed += 1
        stage, reason = failures[n]
        rows.append("| %s | %s | failed at %s: %s | | | | |" % (n, ref, stage, reason.replace("|", "\\|")))
    else:
        rows.append("| %s | %s | not run yet | | | | |" % (n, ref))
print("%d posteriors: %d with reference values, %d failed, %d not run yet\n" % (len(index), done, failed, len(index) - done - failed))
print("| posterior | reference.json | rstan 2.21 | D | grad µs (CPU, incl. R call) | R call µs | points |")
print("| --- | --- | --- | --- | --- | --- | --- |")
print("\n".join(rows))
