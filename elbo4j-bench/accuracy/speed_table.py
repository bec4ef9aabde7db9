#!/usr/bin/env python3
"""Tables of docs/accuracy.md, "Cost": the default recipe before and after its cost was cut, and where the work goes.

Usage:
  python3 speed_table.py before BEFORE/check.json AFTER/check.json   # before/after, one row per posterior
  python3 speed_table.py phases CHECK.json                            # work by phase (check.json with "phases")
  python3 speed_table.py many DIR...                                  # one row per DIR/check.json (e.g. posteriordb-all)
  python3 speed_table.py perrun RESULTS_DIR VARIANT...                # per-run settings, RESULTS_DIR/VARIANT/check.json
  python3 speed_table.py time OUT                                     # posteriordb_all.sh's OUT: times and evaluations
  python3 speed_table.py pathfinder PF_DIR/check.json OUT             # Pathfinder's answers beside the recipe's (OUT as above)
"""
import json
import jsonio
import os
import statistics
import sys


def short(p):
    return p.split("-")[0] if p.count("-") == 1 and p.split("-")[0] == p.split("-")[1] else p


def load(f):
    return jsonio.load(f)["posteriors"]


def sd(p):
    return "%.2f – %.2f" % (p["min_sd_ratio"], p["max_sd_ratio"])


def summary(ps):
    trusted = [p for p in ps if p["verdict"] == "trusted"]
    good = [p for p in trusted if p["worst_z"] <= 0.1 and 0.8 <= p["min_sd_ratio"] and p["max_sd_ratio"] <= 1.25]
    wrong = [p for p in ps if p["worst_z"] > 0.5 or p["min_sd_ratio"] < 0.5 or p["max_sd_ratio"] > 2]
    silent = [p for p in wrong if p["verdict"] == "trusted"]
    g = [p["gradient_evaluations"] for p in ps]
    return ("%d of %d trusted, %d of them within 0.1 sd and sd ratios [0.8, 1.25]; %d wrong (> 0.5 sd or an sd outside"
            " [0.5, 2]), %d of them trusted (silent); gradient evaluations median %d, max %d"
            % (len(trusted), len(ps), len(good), len(wrong), len(silent), statistics.median(g), max(g)))


mode = sys.argv[1]
if mode == "before":
    before = {p["posterior"]: p for p in load(sys.argv[2])}
    after = load(sys.argv[3])
    print("| posterior | before: verdict | worst \\|Δmean\\|/sd | sd ratio | gradients | after: verdict |"
          " worst \\|Δmean\\|/sd | sd ratio | gradients | fewer | CPU (s) | wall (s) | load |")
    print("| --- | --- | ---: | --- | ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for a in after:
        b = before[a["posterior"]]
        print("| %s | %s | %.3f | %s | %d | %s | %.3f | %s | %d | %.1f× | %.1f | %.1f | %.0f |" % (
            short(a["posterior"]), b["verdict"], b["worst_z"], sd(b), b["gradient_evaluations"], a["verdict"],
            a["worst_z"], sd(a), a["gradient_evaluations"], b["gradient_evaluations"] / a["gradient_evaluations"],
            a["cpu_seconds"], a["seconds"], a["load_average"]))
    print("\nbefore: " + summary(list(before.values())) + "  \nafter: " + summary(after)
          + "; CPU median %.1f s, max %.1f s" % (statistics.median([p["cpu_seconds"] for p in after]),
                                                  max(p["cpu_seconds"] for p in after)))
elif mode == "phases":
    ps = load(sys.argv[2])
    print("| posterior | restarts run | start | explore | anneal | gradients | ELBO-evaluation draws |"
          " restart-ELBO draws | verdict draws |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for p in ps:
        h = p["phases"]
        print("| %s | %d | %d | %d | %d | %d | %d | %d | %d |" % (
            short(p["posterior"]), h["restarts_run"], h["start_gradients"], h["explore_gradients"],
            h["anneal_gradients"], p["gradient_evaluations"], h["evaluation_draws"], h["selection_draws"],
            h["verdict_draws"]))
elif mode == "many":
    ps = []
    for d in sys.argv[2:]:
        f = os.path.join(d, "check.json")
        if jsonio.exists(f):
            ps += load(f)
        else:
            print("| %s | (no result: stopped by its time budget or failed) |" % os.path.basename(d.rstrip("/")))
    print("| posterior | verdict | answer | worst \\|Δmean\\|/sd | sd ratio min – max | k̂ | gradients | CPU (s) |"
          " wall (s) | load |")
    print("| --- | --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for p in sorted(ps, key=lambda p: p["posterior"]):
        print("| %s | %s | %s | %.3f (%s) | %s | %.2f | %d | %.1f | %.1f | %.0f |" % (
            p["posterior"], p["verdict"], p["answer_guide"], p["worst_z"], p["worst_z_param"], sd(p),
            p["pareto_k"], p["gradient_evaluations"], p.get("cpu_seconds", float("nan")), p["seconds"],
            p.get("load_average", float("nan"))))
    print("\n" + summary(ps) + "; CPU median %.1f s, max %.1f s" % (
        statistics.median([p["cpu_seconds"] for p in ps]), max(p["cpu_seconds"] for p in ps)))
elif mode == "time":
    out = sys.argv[2]
    status = {}
    if os.path.exists(os.path.join(out, "status.txt")):
        for line in open(os.path.join(out, "status.txt")):
            f = line.split()
            if not f:
                continue
            kv = dict(x.split("=", 1) for x in f[1:] if "=" in x)
            t = line.split("wall/user/sys=")[-1].split() if "wall/user/sys=" in line else []
            status[f[0]] = (kv.get("rc"), kv.get("load"), [float(x) for x in t] if len(t) == 3 else None)
    ps, missing = [], []
    for n in sorted(set(os.listdir(out)) | set(status)):
        f = os.path.join(out, n, "check.json")
        if jsonio.exists(f):
            ps += load(f)
        elif n in status:
            missing.append(n)
    print("| posterior | verdict | worst \\|Δmean\\|/sd | sd ratio | k̂ | gradients | log p evaluations |"
          " fit CPU (s) | fit wall (s) | process CPU (s) | process wall (s) | load |")
    print("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    lp = {}
    proc = {}
    for p in sorted(ps, key=lambda p: p["posterior"]):
        h = p.get("phases", {})
        lp[p["posterior"]] = h.get("evaluation_draws", 0) + h.get("selection_draws", 0) + h.get("verdict_draws", 0)
        st = status.get(p["posterior"], (None, None, None))
        proc[p["posterior"]] = st[2]
        print("| %s | %s | %.3f | %s | %.2f | %d | %d | %.1f | %.1f | %s | %s | %.0f |" % (
            p["posterior"], p["verdict"], p["worst_z"], sd(p), p["pareto_k"], p["gradient_evaluations"],
            lp[p["posterior"]], p.get("cpu_seconds", float("nan")), p["seconds"],
            "%.1f" % (st[2][1] + st[2][2]) if st[2] else "", "%.1f" % st[2][0] if st[2] else "",
            p.get("load_average", float("nan"))))
    for n in missing:
        print("| %s | no answer (rc %s, load %s) | | | | | | | | | | |" % (n, status[n][0], status[n][1]))
    if ps:
        def mm(xs, fmt):
            return ("median " + fmt + ", max " + fmt) % (statistics.median(xs), max(xs))
        print("\n" + summary(ps) + "; %d without an answer" % len(missing))
        print("fit CPU %s; fit wall %s; gradient evaluations %s; log-density evaluations %s" % (
            mm([p["cpu_seconds"] for p in ps], "%.2f s"), mm([p["seconds"] for p in ps], "%.2f s"),
            mm([p["gradient_evaluations"] for p in ps], "%d"), mm(list(lp.values()), "%d")))
        pc = [v for v in proc.values() if v]
        if pc:
            print("process (JVM start and the Stan program's compile included): CPU %s; wall %s" % (
                mm([v[1] + v[2] for v in pc], "%.1f s"), mm([v[0] for v in pc], "%.1f s")))
        loads = [p.get("load_average") for p in ps if p.get("load_average") is not None]
        if loads:
            print("load average at the fits' starts: %.1f to %.1f (2 cores)" % (min(loads), max(loads)))
elif mode == "pathfinder":
    pf = {p["posterior"]: p for p in load(sys.argv[2])}
    rec = {}
    for n in os.listdir(sys.argv[3]):
        f = os.path.join(sys.argv[3], n, "check.json")
        if jsonio.exists(f):
            for p in load(f):
                rec[p["posterior"]] = p
    print("| posterior | recipe: verdict | worst \\|Δmean\\|/sd | sd ratio | gradients | Pathfinder: verdict |"
          " worst \\|Δmean\\|/sd | sd ratio | gradients | fewer gradients |")
    print("| --- | --- | ---: | --- | ---: | --- | ---: | --- | ---: | ---: |")
    both = sorted(set(pf) & set(rec))
    for n in both:
        a, b = rec[n], pf[n]
        print("| %s | %s | %.3f | %s | %d | %s | %.3f | %s | %d | %.0f× |" % (
            n, a["verdict"], a["worst_z"], sd(a), a["gradient_evaluations"], b["verdict"], b["worst_z"], sd(b),
            b["gradient_evaluations"], a["gradient_evaluations"] / b["gradient_evaluations"]))
    for n in sorted(set(pf) ^ set(rec)):
        print("| %s | %s | | | | %s | | | | |" % (n, rec[n]["verdict"] if n in rec else "no answer",
                                                pf[n]["verdict"] if n in pf else "no answer"))
    for name, d in (("recipe", rec), ("Pathfinder", pf)):
        ps = [d[n] for n in both]
        print("\n%s on the %d both answered: %s; median worst |Δmean|/sd %.3f" % (
            name, len(ps), summary(ps), statistics.median([p["worst_z"] for p in ps])))
    print("\nmedian ratio of gradient evaluations (recipe / Pathfinder): %.0f×" % statistics.median(
        [rec[n]["gradient_evaluations"] / pf[n]["gradient_evaluations"] for n in both]))
elif mode == "perrun":
    root, variants = sys.argv[2], sys.argv[3:]
    runs = {v: load(os.path.join(root, v, "check.json")) for v in variants}
    print("| posterior | " + " | ".join(variants) + " |")
    print("| --- |" + " --- |" * len(variants))
    for p0 in runs[variants[0]]:
        cells = []
        for v in variants:
            m = [p for p in runs[v] if p["posterior"] == p0["posterior"]][0]
            cells.append("%.3f, %s, k̂ %.2f" % (m["worst_z"], "T" if m["verdict"] == "trusted" else "NT", m["pareto_k"]))
        print("| %s | %s |" % (short(p0["posterior"]), " | ".join(cells)))
    print("| median worst \\|Δmean\\|/sd; trusted; gradients per run | " + " | ".join(
        "%.3f; %d of 10; %d" % (statistics.median([p["worst_z"] for p in runs[v]]),
                                 sum(p["verdict"] == "trusted" for p in runs[v]),
                                 statistics.median([p["gradient_evaluations"] for p in runs[v]])) for v in variants) + " |")
