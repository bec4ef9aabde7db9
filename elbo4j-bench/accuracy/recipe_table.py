#!/usr/bin/env python3
"""Tables of docs/accuracy.md from `elbo4j check` runs (recipe.sh): per posterior the verdict, the answer's guide,
worst |dmean|/sd, sd ratios, k-hat, time and gradient evaluations; then the variants side by side.

Usage: python3 recipe_table.py RESULTS_DIR [VARIANT...]   (RESULTS_DIR/<variant>/check.json)
"""
import json
import jsonio
import os
import statistics
import sys

root = sys.argv[1]
variants = sys.argv[2:] or [v for v in ["default", "pathfinder-start", "pathfinder", "one-restart", "no-escalate",
                                        "prior-start", "one-particle", "no-anneal"]
                            if jsonio.exists(os.path.join(root, v, "check.json"))]
runs = {v: jsonio.load(os.path.join(root, v, "check.json")) for v in variants}


def short(p):
    return p.split("-")[0]


for v in variants:
    ps = runs[v]["posteriors"]
    print("#### %s\n" % v)
    print("| posterior | verdict | answer | worst \\|Δmean\\|/sd | sd ratio min – max | k̂ | time (s) | gradients |")
    print("| --- | --- | --- | ---: | --- | ---: | ---: | ---: |")
    for p in ps:
        print("| %s | %s | %s | %.3f (%s) | %.2f – %.2f | %.2f | %.1f | %d |" % (
            short(p["posterior"]), p["verdict"], p["answer_guide"], p["worst_z"], p["worst_z_param"],
            p["min_sd_ratio"], p["max_sd_ratio"], p["pareto_k"], p["seconds"], p["gradient_evaluations"]))
    trusted = [p for p in ps if p["verdict"] == "trusted"]
    good = [p for p in trusted if p["worst_z"] <= 0.1 and 0.8 <= p["min_sd_ratio"] and p["max_sd_ratio"] <= 1.25]
    wrong = [p for p in ps if p["worst_z"] > 0.5 or p["min_sd_ratio"] < 0.5 or p["max_sd_ratio"] > 2]
    silent = [p for p in wrong if p["verdict"] == "trusted"]
    secs = [p["seconds"] for p in ps]
    grads = [p["gradient_evaluations"] for p in ps]
    print("\n%d of %d trusted, %d of them within 0.1 sd and sd ratios [0.8, 1.25]; %d wrong (> 0.5 sd or an sd"
          " outside [0.5, 2]), %d of them trusted (silent); time median %.1f s, max %.1f s; gradient evaluations"
          " median %d, max %d\n" % (len(trusted), len(ps), len(good), len(wrong), len(silent),
                                     statistics.median(secs), max(secs), statistics.median(grads), max(grads)))
if len(variants) > 1:
    print("| posterior | " + " | ".join(variants) + " |")
    print("| --- |" + " --- |" * len(variants))
    for p0 in runs[variants[0]]["posteriors"]:
        cells = []
        for v in variants:
            m = [p for p in runs[v]["posteriors"] if p["posterior"] == p0["posterior"]]
            cells.append("%.3f, %s, %d grads" % (m[0]["worst_z"], "T" if m[0]["verdict"] == "trusted" else "NT",
                                                  m[0]["gradient_evaluations"]) if m else "")
        print("| %s | %s |" % (short(p0["posterior"]), " | ".join(cells)))

# Side by side: the default recipe, Pathfinder alone, Stan ADVI (mean-field, at its defaults: the stored results of
# elbo4j-bench/peers/stan_advi_accuracy.R, time = sampling + compile)
peer_file = os.path.join(os.path.dirname(__file__), "..", "peers", "results", "stan_advi_accuracy_meanfield.json")
if jsonio.exists(peer_file) and variants[0] in runs:
    peer = {p["posterior"]: p for p in jsonio.load(peer_file)["posteriors"]}
    pf = runs.get("pathfinder")
    print("\n| posterior | default: verdict | worst \\|Δmean\\|/sd | sd ratio | time (s) | gradients | Pathfinder:"
          " worst \\|Δmean\\|/sd | verdict | gradients | Stan ADVI mean-field: worst \\|Δmean\\|/sd | sd ratio |"
          " time (s), + compile |")
    print("| --- | --- | ---: | --- | ---: | ---: | ---: | --- | ---: | ---: | --- | ---: |")
    for p in runs[variants[0]]["posteriors"]:
        s = peer.get(p["posterior"])
        q = [x for x in pf["posteriors"] if x["posterior"] == p["posterior"]][0] if pf else None
        sv = ("failed", "", "") if s is None or s.get("worst_z") is None else (
            "%.2f" % s["worst_z"], "%.2f – %.2f" % (s["min_sd_ratio"], s["max_sd_ratio"]),
            "%.2f + %.0f" % (s["vb_seconds"], s["compile_s"]))
        print("| %s | %s | %.3f | %.2f – %.2f | %.1f | %d | %s | %s | %s | %s | %s | %s |" % (
            short(p["posterior"]), p["verdict"], p["worst_z"], p["min_sd_ratio"], p["max_sd_ratio"], p["seconds"],
            p["gradient_evaluations"], "%.3f" % q["worst_z"] if q else "", q["verdict"] if q else "",
            q["gradient_evaluations"] if q else "", sv[0], sv[1], sv[2]))
