#!/usr/bin/env python3
"""Generates the default data of the built-in linear-regression, normal-normal and gamma-poisson models.

Run from the repository root:  /usr/bin/python3 elbo4j-cli/src/data-gen/make_default_data.py
Writes into elbo4j-cli/src/main/resources/org/elbo4j/cli/data/. Deterministic (fixed seed).
"""
import json, math, os, random

out = os.path.join(os.path.dirname(__file__), "..", "main", "resources", "org", "elbo4j", "cli", "data")
r = random.Random(20261124)
N, D = 100, 3
beta = [1.5, -2.0, 0.5]; alpha = 1.0; sigma = 0.8
x = [[round(r.gauss(0, 1), 4) for _ in range(D)] for _ in range(N)]
y = [round(alpha + sum(b * v for b, v in zip(beta, row)) + r.gauss(0, sigma), 4) for row in x]
json.dump({"N": N, "D": D, "x": x, "y": y}, open(os.path.join(out, "linear_regression.json"), "w"))
yn = [round(r.gauss(3.0, 1.0), 4) for _ in range(20)]
json.dump({"N": 20, "y": yn, "sigma": 1.0}, open(os.path.join(out, "normal_normal.json"), "w"))

def pois(lam):  # Knuth's multiplication method
    L, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= r.random()
        if p < L:
            return k
        k += 1

yc = [pois(4.2) for _ in range(25)]
json.dump({"N": 25, "y": yc}, open(os.path.join(out, "gamma_poisson.json"), "w"))
