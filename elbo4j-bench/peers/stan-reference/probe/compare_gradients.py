#!/usr/bin/env python3
"""Pairwise differences of log densities and gradients at the same points, as ReferenceTest measures them: the log
density differences between points (up to one additive constant) relative to max(1, |log p|), and the gradients
relative to max(1, max |gradient|) of the second of each pair, worst over the points.

Usage: python3 compare_gradients.py NAME=FILE...   (FILE: an rstan reference .json, or GradAtPoints.java's .jsonl)
"""
import json
import sys


def load(f):
    if f.endswith(".jsonl"):
        return [(r["lp"], r["grad"]) for r in map(json.loads, open(f))]
    return [(p["log_prob"], p["grad"]) for p in json.load(open(f))["points"]]


def compare(x, y):
    lerr = gerr = 0.0
    for i in range(len(y)):
        scale = max(1.0, max(abs(v) for v in y[i][1]))
        gerr = max(gerr, max(abs(a - b) / scale for a, b in zip(x[i][1], y[i][1])))
        if i > 0:
            s = max(1.0, abs(y[i][0]), abs(y[0][0]))
            lerr = max(lerr, abs((x[i][0] - x[0][0]) - (y[i][0] - y[0][0])) / s)
    return lerr, gerr


sets = [(a.split("=", 1)[0], load(a.split("=", 1)[1])) for a in sys.argv[1:]]
for i in range(len(sets)):
    for j in range(i + 1, len(sets)):
        l, g = compare(sets[i][1], sets[j][1])
        print("%-16s vs %-16s log density %.2e  gradient %.2e" % (sets[i][0], sets[j][0], l, g))
