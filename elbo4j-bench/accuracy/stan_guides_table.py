#!/usr/bin/env python3
"""Table of issue 11's accuracy check (stan_both_guides.sh): per posterior and guide, worst |dmean|/sd, the sd
ratios and k-hat, and the issue's two criteria:

  A. worst |dmean|/sd <= 0.1 wherever k-hat < 0.7 (every fit k-hat does not flag is accurate in its means);
  B. every answer off by more than 0.5 sd is flagged by k-hat (k-hat >= 0.7).

Then the ten posteriors of ../shared/data/posteriordb against the Java ports' figures (PORTS: a check.json of the
same ten with both guides through the built-in Java ports, or a directory of <posterior>/check.json; default
elbo4j-bench/accuracy/results/java-ports-both-guides, made by the same options on copies of the ten directories
without their model.stan, so that `elbo4j check` uses the built-in Java port — see stan_both_guides.sh --ports).
"As accurate as the port" = accurate (worst <= 0.1 and every sd ratio in [0.8, 1.25]) wherever the port's was, and
a worst |dmean|/sd at most SPREAD above the port's. SPREAD = 0.065: the largest range of the worst |dmean|/sd of one
posterior and guide over the 5 seeds of elbo4j-bench/accuracy/results-ci/seed1..5 (eight schools full-rank, 0.063),
so a difference within it is seed-to-seed noise, not a difference between the front ends.

Usage: python3 stan_guides_table.py RESULTS_DIR [--ports PORTS_CHECK_JSON] [--ten POSTERIORDB_DIR] [--corpus DIR]
(--corpus: posteriordb-all, default ../shared/data/posteriordb-all; its posteriors with a reference.json and no
result are listed as not answered.)
"""
import json
import jsonio
import os
import sys

args = sys.argv[1:]
root = args[0]
ports = "elbo4j-bench/accuracy/results/java-ports-both-guides"
ten_dir = "../shared/data/posteriordb"
corpus = "../shared/data/posteriordb-all"
for i, a in enumerate(args):
    if a == "--ports":
        ports = args[i + 1]
    if a == "--ten":
        ten_dir = args[i + 1]
    if a == "--corpus":
        corpus = args[i + 1]

SPREAD = 0.065
fits, missing = [], []
status = {}
if os.path.exists(os.path.join(root, "status.txt")):
    for line in open(os.path.join(root, "status.txt")):
        parts = line.split()
        if len(parts) >= 2 and parts[1].startswith("rc="):
            status[parts[0]] = line.strip()
for n in sorted(os.listdir(root)):
    f = os.path.join(root, n, "check.json")
    if os.path.isdir(os.path.join(root, n)) and jsonio.exists(f):
        fits += jsonio.load(f)["posteriors"]
    elif os.path.isdir(os.path.join(root, n)) or n in status:
        missing.append(n)
missing += [n for n in status if n not in missing and not jsonio.exists(os.path.join(root, n, "check.json"))]
if os.path.isdir(corpus):
    missing += [n for n in sorted(os.listdir(corpus)) if os.path.exists(os.path.join(corpus, n, "reference.json"))
                and n not in missing and not jsonio.exists(os.path.join(root, n, "check.json"))]


def accurate(p):
    return p["worst_z"] <= 0.1 and 0.8 <= p["min_sd_ratio"] and p["max_sd_ratio"] <= 1.25


print("| posterior | guide | verdict | worst \\|Δmean\\|/sd | sd ratio min – max | k̂ | A: k̂ < 0.7 ⇒ ≤ 0.1 | B: > 0.5 sd ⇒ k̂ ≥ 0.7 | gradients | CPU (s) |")
print("| --- | --- | --- | ---: | --- | ---: | --- | --- | ---: | ---: |")
fail_a, fail_b = [], []
for p in sorted(fits, key=lambda p: (p["posterior"], p["guide"] != "meanfield")):
    k = p["pareto_k"]
    a = "n/a (k̂ ≥ 0.7)" if not k < 0.7 else ("yes" if p["worst_z"] <= 0.1 else "**NO**")
    b = "n/a (≤ 0.5)" if p["worst_z"] <= 0.5 else ("yes" if k >= 0.7 else "**NO**")
    if a == "**NO**":
        fail_a.append(p)
    if b == "**NO**":
        fail_b.append(p)
    print("| %s | %s | %s | %.3f (%s) | %.2f – %.2f | %.2f | %s | %s | %d | %.1f |" % (
        p["posterior"], p["guide"], p["verdict"], p["worst_z"], p["worst_z_param"], p["min_sd_ratio"],
        p["max_sd_ratio"], k, a, b, p.get("gradient_evaluations", 0), p.get("cpu_seconds", float("nan"))))
for n in missing:
    print("| %s | | no answer: %s | | | | | | | |" % (n, status.get(n, "not run (yet)").replace("|", "\\|")))
print()
n_post = len({p["posterior"] for p in fits})
unflagged = [p for p in fits if p["pareto_k"] < 0.7]
off = [p for p in fits if p["worst_z"] > 0.5]
print("%d posteriors answered (%d fits), %d without an answer." % (n_post, len(fits), len(missing)))
print("A (worst ≤ 0.1 wherever k̂ < 0.7): %d of %d unflagged fits hold%s." % (
    len(unflagged) - len(fail_a), len(unflagged),
    "" if not fail_a else "; fails: " + ", ".join("%s %s %.3f (k̂ %.2f)" % (
        p["posterior"], p["guide"], p["worst_z"], p["pareto_k"]) for p in fail_a)))
print("B (every answer off by > 0.5 sd flagged by k̂): %d of %d such fits flagged%s." % (
    len(off) - len(fail_b), len(off),
    "" if not fail_b else "; unflagged: " + ", ".join("%s %s %.3f (k̂ %.2f)" % (
        p["posterior"], p["guide"], p["worst_z"], p["pareto_k"]) for p in fail_b)))
silent = [p for p in fits if p.get("silent_failure")]
print("Verdicts: %d of %d fits trusted, %d silent failures (wrong but trusted)." % (
    sum(p["verdict"] == "trusted" for p in fits), len(fits), len(silent)))

if jsonio.exists(ports) and os.path.exists(os.path.join(ten_dir, "index.json")):
    ten = [p["posterior"] for p in jsonio.load(os.path.join(ten_dir, "index.json"))]
    port_runs = [ports] if os.path.isfile(jsonio.resolve(ports)) else [
        os.path.join(ports, n, "check.json") for n in sorted(os.listdir(ports))
        if jsonio.exists(os.path.join(ports, n, "check.json"))]
    port = {(p["posterior"], p["guide"]): p for f in port_runs for p in jsonio.load(f)["posteriors"]}
    print()
    print("The ten of posteriordb: Stan front end (this run) against the Java ports (%s)" % ports)
    print()
    print("| posterior | guide | Stan: worst \\|Δmean\\|/sd | sd ratio | k̂ | port: worst \\|Δmean\\|/sd | sd ratio | k̂ | as accurate |")
    print("| --- | --- | ---: | --- | ---: | ---: | --- | ---: | --- |")
    same, total = 0, 0
    for n in ten:
        for g in ("meanfield", "fullrank"):
            s = [p for p in fits if p["posterior"] == n and p["guide"] == g]
            j = port.get((n, g))
            if not s or not j:
                print("| %s | %s | %s | | | %s | | | |" % (n, g, "no answer" if not s else "", "no figure" if not j else ""))
                continue
            s = s[0]
            ok = (accurate(s) or not accurate(j)) and s["worst_z"] <= j["worst_z"] + SPREAD
            total += 1
            same += ok
            print("| %s | %s | %.3f | %.2f – %.2f | %.2f | %.3f | %.2f – %.2f | %.2f | %s |" % (
                n, g, s["worst_z"], s["min_sd_ratio"], s["max_sd_ratio"], s["pareto_k"], j["worst_z"],
                j["min_sd_ratio"], j["max_sd_ratio"], j["pareto_k"], "yes" if ok else "**NO**"))
    print()
    print("As accurate as the Java port: %d of %d fits." % (same, total))
