#!/usr/bin/env python3
"""Default data of the built-in model discrete_plate: N=100 draws of the two-component model
z_i ~ Bernoulli(0.3), y_i ~ N(1 + 2 z_i, 1), with Python's random.Random(20261207), rounded to 4 decimals.
Run: python3 elbo4j-cli/src/data-gen/make_discrete_plate.py > elbo4j-cli/src/main/resources/org/elbo4j/cli/data/discrete_plate.json
"""
import json
import random

r = random.Random(20261207)
y = []
for _ in range(100):
    z = 1 if r.random() < 0.3 else 0
    y.append(round(1 + 2 * z + r.gauss(0, 1), 4))
print(json.dumps({"N": 100, "y": y}))
