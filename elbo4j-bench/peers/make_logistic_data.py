#!/usr/bin/python3
"""Generates the fixed simulated logistic-regression data set of elbo4j's benchmarks.

Generating model (N = 1000 rows, D = 10 covariates, seed 20240501, Python's own Mersenne Twister
`random.Random`, so no third-party package and the same stream on every CPython 3):

    x[n, d] ~ Normal(0, 1)                          (rounded to 4 decimals, as stored)
    alpha   = -0.5                                   (intercept)
    beta    = (1.0, -0.8, 0.6, 0.0, 0.0, 1.5, -1.2, 0.3, 0.0, 0.5)
    y[n]    ~ Bernoulli(sigmoid(alpha + x[n] . beta))

The y draws use the rounded x, so the file is an exact sample from the model above.
Output: Stan JSON data {"N":1000,"D":10,"x":[[...],...],"y":[...]} on the path given (default: the CLI's
resource elbo4j-cli/src/main/resources/org/elbo4j/cli/data/logistic_regression.json).

Usage: /usr/bin/python3 elbo4j-bench/peers/make_logistic_data.py [OUT.json]
"""
import json
import math
import os
import random
import sys

N, D, SEED = 1000, 10, 20240501
ALPHA = -0.5
BETA = [1.0, -0.8, 0.6, 0.0, 0.0, 1.5, -1.2, 0.3, 0.0, 0.5]


def generate():
    rng = random.Random(SEED)
    x, y = [], []
    for _ in range(N):
        row = [round(rng.gauss(0.0, 1.0), 4) for _ in range(D)]
        eta = ALPHA + sum(b * v for b, v in zip(BETA, row))
        p = 1.0 / (1.0 + math.exp(-eta))
        y.append(1 if rng.random() < p else 0)
        x.append(row)
    return {"N": N, "D": D, "x": x, "y": y}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, "..", "..", "elbo4j-cli", "src", "main", "resources", "org", "elbo4j",
                           "cli", "data", "logistic_regression.json")
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(default)
    data = generate()
    with open(out, "w") as f:
        f.write('{"N": %d, "D": %d,\n "x": [\n' % (data["N"], data["D"]))
        f.write(",\n".join("  " + json.dumps(r) for r in data["x"]))
        f.write('\n ],\n "y": %s}\n' % json.dumps(data["y"]))
    print("wrote %s: N=%d D=%d, mean(y)=%.3f" % (out, N, D, sum(data["y"]) / N))


if __name__ == "__main__":
    main()
