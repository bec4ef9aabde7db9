#!/usr/bin/env python3
"""Stores rstan reference files (written by make_reference.R) compressed: NAME.json -> OUT/NAME.json.gz.

Every number keeps its exact double value: Python's float repr is the shortest decimal that reads back as the same
double, so the 17-digit values R wrote are written shorter only where that loses nothing. The gzip header carries no
name or time stamp, so the same input gives the same bytes. A reference whose compressed size would exceed
--slim-above bytes (default 20000) is slimmed: it keeps its first --points points (default 3, the contract's
minimum) and drops the fields no reader needs ("upar_names", "constrained_at_point_1"); "slimmed" in the file says
what was dropped. A point's "upars_generated" (make_reference.R --generated-points --with-upars: the generated point
written out to check a reader's generator against) is always dropped: "upars_seed" regenerates it. ReferenceTest, Coverage, StanGradients, run_all.sh and summarize.py read .json and .json.gz alike.

Usage: python3 compact_reference.py [--out DIR] [--slim-above BYTES] [--points N] [--remove] FILE.json...
  --out DIR     where the .json.gz files go (default: the test resources' reference directory)
  --remove      delete each input .json once its .json.gz is written and read back equal
"""
import gzip
import json
import math
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.normpath(os.path.join(here, "../../../elbo4j-stan/src/test/resources/org/elbo4j/stan/reference"))
slim_above, points, remove, files = 20000, 3, False, []
args = sys.argv[1:]
i = 0
while i < len(args):
    a = args[i]
    if a == "--out":
        out = args[i + 1]; i += 2
    elif a == "--slim-above":
        slim_above = int(args[i + 1]); i += 2
    elif a == "--points":
        points = int(args[i + 1]); i += 2
    elif a == "--remove":
        remove = True; i += 1
    elif a.startswith("--"):
        sys.exit("compact_reference.py: unknown option " + a)
    else:
        files.append(a); i += 1
if points < 3:
    sys.exit("compact_reference.py: --points must be at least 3 (the reference contract)")


def encode(r):
    return gzip.compress(json.dumps(r, separators=(",", ":"), allow_nan=False).encode("utf-8"), 9, mtime=0)


def same(a, b):
    """Exact equality of two decoded references (numbers bit for bit)."""
    if isinstance(a, float) or isinstance(b, float):
        return float(a) == float(b) and math.copysign(1, a) == math.copysign(1, b)
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


for f in files:
    r = json.load(open(f))
    name = os.path.basename(f)[: -len(".json")]
    for pt in r["points"]:
        pt.pop("upars_generated", None)
    blob = encode(r)
    if len(blob) > slim_above:
        dropped = [k for k in ("upar_names", "constrained_at_point_1") if k in r]
        n_points = len(r["points"])
        r = {k: v for k, v in r.items() if k not in dropped}
        r["points"] = r["points"][:points]
        r["slimmed"] = "kept %d of %d points; dropped %s (compact_reference.py)" % (
            len(r["points"]), n_points, ", ".join(dropped) or "nothing")
        blob = encode(r)
    target = os.path.join(out, name + ".json.gz")
    with open(target, "wb") as g:
        g.write(blob)
    back = json.loads(gzip.decompress(open(target, "rb").read()))
    assert same(back, r), (name, "read back differs")
    print("%s: %d bytes -> %s %d bytes%s" % (f, os.path.getsize(f), target, len(blob),
                                              " (" + r["slimmed"] + ")" if "slimmed" in r else ""))
    if remove and os.path.abspath(f) != os.path.abspath(target):
        os.remove(f)
