#!/usr/bin/env python3
"""Stan beside elbo4j on the posteriors with a reference (docs/accuracy.md, "Stan side by side").

Usage: python3 table.py STAN_RESULTS_DIR [ELBO4J_OUT_DIR]

STAN_RESULTS_DIR holds stan_side_by_side.R's NAME.json; ELBO4J_OUT_DIR is elbo4j-bench/accuracy/posteriordb_all.sh's
OUT (NAME/check.json). One row per posterior: elbo4j's default recipe (verdict, worst |Δmean|/sd, sd-ratio range,
gradient evaluations, the fit's CPU seconds), Stan's ADVI at its defaults (worst |Δmean|/sd, sd-ratio range, wall
seconds of vb, CPU seconds of the R process), Stan's NUTS (4 chains x 1000 + 1000: worst |Δmean|/sd, CPU seconds of
sampling, Stan's own warmup + sampling seconds (get_elapsed_time: std::clock, i.e. CPU), max Rhat, divergent
transitions). On a loaded machine compare the CPU columns, not the wall ones. Then counts: answers wrong (> 0.5 sd off or an sd
outside [0.5, 2]) and within 0.1 sd with sds in [0.8, 1.25], per method.
"""
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "accuracy"))
import jsonio  # noqa: E402

stan_dir = sys.argv[1]
ours_dir = sys.argv[2] if len(sys.argv) > 2 else None


def load(path):
    try:
        return jsonio.load(path)
    except (OSError, ValueError):
        return None


names = sorted(f[:-5] for f in os.listdir(stan_dir) if f.endswith(".json"))
ours = {}
if ours_dir:
    for n in os.listdir(ours_dir):
        j = load(os.path.join(ours_dir, n, "check.json"))
        if j:
            for p in j["posteriors"]:
                ours[p["posterior"]] = p
    names = sorted(set(names) | set(ours))


def err(e):
    return "%.3f" % e["worst_z"] if e and "worst_z" in e else ("failed" if e and "error" in e else "")


def sds(e):
    return "%.2f – %.2f" % (e["min_sd_ratio"], e["max_sd_ratio"]) if e and "min_sd_ratio" in e else ""


def wrong(e):
    return e["worst_z"] > 0.5 or e["min_sd_ratio"] < 0.5 or e["max_sd_ratio"] > 2


def good(e):
    return e["worst_z"] <= 0.1 and 0.8 <= e["min_sd_ratio"] and e["max_sd_ratio"] <= 1.25


print("| posterior | elbo4j: verdict | worst \\|Δmean\\|/sd | sd ratio | gradients | fit CPU (s) |"
      " Stan ADVI: worst \\|Δmean\\|/sd | sd ratio | vb CPU (s) | Stan NUTS: worst \\|Δmean\\|/sd | sampling CPU (s) |"
      " Stan's warmup + sampling (s) | max R̂ | divergent |")
print("| --- | --- | ---: | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
counts = {"elbo4j": [], "advi": [], "nuts": []}
for n in names:
    s = load(os.path.join(stan_dir, n + ".json")) or {}
    a, u, o = s.get("advi"), s.get("nuts"), ours.get(n)
    for key, e in (("elbo4j", o), ("advi", a), ("nuts", u)):
        if e is not None:
            counts[key].append(e)
    print("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
        n, o["verdict"] if o else "", err(o), sds(o), o["gradient_evaluations"] if o else "",
        "%.1f" % o["cpu_seconds"] if o and "cpu_seconds" in o else "",
        err(a), sds(a), "%.1f" % a["cpu_s"] if a and "cpu_s" in a else "",
        err(u), "%.1f" % u["cpu_s"] if u and "cpu_s" in u else "",
        "%.1f" % (u["stan_warmup_s"] + u["stan_sample_s"]) if u and "stan_warmup_s" in u else "",
        "%.3f" % u["max_rhat"] if u and "max_rhat" in u else "", u.get("divergent", "") if u else ""))
print()
for key, es in counts.items():
    ok = [e for e in es if "worst_z" in e]
    failed = len(es) - len(ok)
    line = "%s: %d run, %d failed; %d wrong (> 0.5 sd or an sd outside [0.5, 2]); %d within 0.1 sd, sds in [0.8, 1.25]" % (
        key, len(es), failed, sum(wrong(e) for e in ok), sum(good(e) for e in ok))
    if key == "elbo4j":
        line += "; %d trusted, %d of them wrong" % (sum(e["verdict"] == "trusted" for e in ok),
                                                   sum(e["verdict"] == "trusted" and wrong(e) for e in ok))
    t = [e["cpu_s"] if key != "elbo4j" else e["cpu_seconds"] for e in ok if "cpu_s" in e or "cpu_seconds" in e]
    if t:
        line += "; CPU median %.1f s, max %.1f s" % (statistics.median(t), max(t))
    print(line)
comp = [load(os.path.join(stan_dir, n + ".json")) for n in names]
comp = [c["compile"] for c in comp if c and "compile" in c and "wall_s" in c["compile"]]
if comp:
    print("compile (rstan's default flags): %s" % "; ".join("%.0f s wall, %.0f s CPU at load %.0f" % (
        c["wall_s"], c["cpu_s"], c["load"]) for c in comp))
