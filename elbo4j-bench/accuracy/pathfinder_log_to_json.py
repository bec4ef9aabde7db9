#!/usr/bin/env python3
"""Recovers the per-posterior summary of `elbo4j check --method pathfinder` from its console output (for a run that
did not reach its check.json, e.g. one stopped by the JVM's heap limit after 28 posteriors), in check.json's
"posteriors" layout with the fields speed_table.py reads (posterior, verdict, worst_z, worst_z_param, min_sd_ratio,
max_sd_ratio, pareto_k, gradient_evaluations, seconds), marked "from_log": true.

Usage: python3 pathfinder_log_to_json.py CHECK.LOG [CHECK.json...] > OUT.json   (check.json files are appended)
"""
import json
import jsonio
import re
import sys

head = re.compile(r"^(\S+) \(pathfinder, model \S+\): answer \S+ guide, (trusted|not trusted); \d+ steps, (\d+) gradient"
                  r" evaluations in ([0-9.]+) s")
worst = re.compile(r"^\s+worst \|dmean\|/sd ([0-9.]+) \((\S+)\); sd ratio ([0-9.]+) \(\S+\) to ([0-9.]+) \(\S+\);"
                   r" k-hat (\S+)")
out, cur = [], None
for line in open(sys.argv[1], encoding="utf-8"):
    m = head.match(line)
    if m:
        cur = {"posterior": m.group(1), "verdict": m.group(2), "gradient_evaluations": int(m.group(3)),
               "seconds": float(m.group(4)), "from_log": True}
        continue
    m = worst.match(line)
    if m and cur:
        cur.update(worst_z=float(m.group(1)), worst_z_param=m.group(2), min_sd_ratio=float(m.group(3)),
                   max_sd_ratio=float(m.group(4)), pareto_k=float(m.group(5)))
        out.append(cur)
        cur = None
for f in sys.argv[2:]:
    out += jsonio.load(f)["posteriors"]
json.dump({"posteriors": out}, sys.stdout, indent=1)
