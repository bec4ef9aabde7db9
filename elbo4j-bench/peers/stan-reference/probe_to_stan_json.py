#!/usr/bin/env python3
"""Flattens a make_reference.R output into Stan JSON (numbers and rectangular arrays only), so that the Java test of
the transforms reads it with elbo4j's own Stan JSON reader: num_upars, upars (points x D), log_prob (points),
grad (points x D), and constrained_<parameter> (row-major values of constrain_pars at the first point).

Usage: probe_to_stan_json.py IN.json OUT.json
"""
import json
import sys

r = json.load(open(sys.argv[1]))
out = {
    "num_upars": r["num_upars"],
    "upars": [p["upars"] for p in r["points"]],
    "log_prob": [p["log_prob"] for p in r["points"]],
    "grad": [p["grad"] for p in r["points"]],
}
for name, values in r["constrained_at_point_1"].items():
    out["constrained_" + name] = values
with open(sys.argv[2], "w") as f:
    f.write("{\n" + ",\n".join("%s: %s" % (json.dumps(k), json.dumps(v)) for k, v in out.items()) + "\n}\n")
