"""Reads a result JSON stored plain (a fresh run's output) or gzipped (results kept in the repository, see
docs/accuracy.md "Stored results"): load('x/check.json') takes x/check.json, else x/check.json.gz."""
import gzip
import json
import os


def resolve(path):
    """path itself when it exists, else path + '.gz' when that exists, else path (so errors name the plain file)."""
    if os.path.exists(path) or not os.path.exists(path + ".gz"):
        return path
    return path + ".gz"


def exists(path):
    return os.path.exists(path) or os.path.exists(path + ".gz")


def load(path):
    p = resolve(path)
    if p.endswith(".gz"):
        with gzip.open(p, "rt", encoding="utf-8") as f:
            return json.load(f)
    with open(p, encoding="utf-8") as f:
        return json.load(f)
