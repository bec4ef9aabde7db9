#!/usr/bin/env python3
"""Lists every Stan function and distribution used by the posteriordb corpus.

Scans ../shared/data/posteriordb-all/*/model.stan (one program per distinct model name: the part of the posterior
name after the first '-'), finds

  * calls           name(            (user-defined functions of the program's `functions` block excluded)
  * sampling        y ~ name(...)    recorded as name_lpdf / name_lpmf (whichever signatures.txt has; `~name`
                                     alone when neither exists yet)
  * truncation      ~ name(...) T[   also needs name_lcdf and name_lccdf

and counts the programs using each. With --write it rewrites docs/stan-functions.md (a table: function, programs,
implemented). With --check it fails (exit 1) unless every name is in signatures.txt.

Usage (from the repository root):
    python3 elbo4j-bench/stan/list_functions.py [--corpus DIR] [--write] [--check]
"""
import argparse
import collections
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_CORPUS = os.path.join(ROOT, "..", "shared", "data", "posteriordb-all")
SIGNATURES = os.path.join(ROOT, "elbo4j-stan", "src", "main", "resources", "org", "elbo4j", "stan", "functions",
                          "signatures.txt")
DOC = os.path.join(ROOT, "docs", "stan-functions.md")

# Words followed by '(' that are not library functions.
KEYWORDS = {"for", "while", "if", "else", "return", "print", "reject", "fatal_error", "in", "T",
            "array", "vector", "row_vector", "matrix", "real", "int", "void", "data", "lower", "upper",
            "offset", "multiplier", "target", "tuple"}
TYPE_WORDS = r"(?:void|int|real|vector|row_vector|matrix|array\s*\[[\s,]*\]\s*(?:int|real|vector|row_vector|matrix)" \
             r"|(?:int|real|vector|row_vector|matrix)\s*\[[\s,]*\])"


NOTES = """## Notes on the library (org.elbo4j.stan.functions)

- Beyond the corpus, signatures.txt lists the families around these functions: `_cdf`/`_lcdf`/`_lccdf` of normal,
  student_t, cauchy, exponential, lognormal, gamma, inv_gamma, weibull, beta, uniform, logistic, double_exponential;
  chi_square, inv_chi_square, scaled_inv_chi_square, neg_binomial, neg_binomial_2_log, lkj_corr; the `_rng` of every
  corpus family; inverse, determinant, mdivide, sort/rank, and the operators (`add`, `multiply`, ...; the operator
  each line implements is written in a comment above it).
- Test provenance: `reference-densities.txt` (74 cases) is computed by SciPy (`elbo4j-bench/stan/reference_values.py`);
  LKJ for K = 2 by its closed form; gradients of every function by central differences; _rng by moment tests.
- Known deviations from Stan: the partial in nu of the student_t CDFs and the partials in the shapes of the beta
  CDFs are central differences of the incomplete beta function (error near 1e-10), where Stan has series;
  `ode_bdf`/`integrate_ode_bdf` run the same adaptive Dormand-Prince method as `ode_rk45` (fine for non-stiff
  problems), at tolerances 1e-8 (Stan: 1e-6), with gradients through the solver's stages (no gradient with respect
  to the times); `mdivide_left`/`mdivide_right` go through an explicit LU inverse. neg_binomial_2 uses its exact
  formula at every phi (rstan 2.21's math switched to a Poisson above phi = 1e5).
- For the FRONT: `ode_*` and `integrate_ode_*` take the user's right-hand side as `OdeRhs` and their trailing
  arguments as an `Object[]`; `size(x)` of a multi-dimensional int array must be given the outer size by the
  compiler (int arrays are flattened `int[]`)."""


def strip_comments(src):
    src = re.sub(r"/\*.*?\*/", " ", src, flags=re.S)
    src = re.sub(r"//[^\n]*", "", src)
    src = re.sub(r"(?m)^\s*#[^\n]*", "", src)
    src = re.sub(r'"(?:[^"\\]|\\.)*"', '""', src)  # strings inside print/reject
    return src


def block(src, name):
    """The text of a top-level block `name { ... }`, or ''."""
    m = re.search(r"(?<![\w])" + name + r"\s*\{", src)
    if not m:
        return ""
    depth, i = 1, m.end()
    while i < len(src) and depth:
        depth += {"{": 1, "}": -1}.get(src[i], 0)
        i += 1
    return src[m.end():i - 1]


def user_functions(src):
    fb = block(src, "functions")
    names = set(re.findall(r"(?:data\s+)?" + TYPE_WORDS + r"\s+([A-Za-z_]\w*)\s*\(", fb))
    return names


def uses(src):
    """The set of library names a program uses."""
    src = strip_comments(src)
    udf = user_functions(src)
    found = set()
    for m in re.finditer(r"~\s*([A-Za-z_]\w*)\s*\(", src):
        name = m.group(1)
        if name in udf or name + "_lpdf" in udf or name + "_lpmf" in udf:
            continue
        found.add("~" + name)
        # truncation: find the closing parenthesis, then T[
        depth, i = 1, m.end()
        while i < len(src) and depth:
            depth += {"(": 1, ")": -1}.get(src[i], 0)
            i += 1
        if re.match(r"\s*T\s*\[", src[i:]):
            found.add(name + "_lcdf")
            found.add(name + "_lccdf")
    for m in re.finditer(r"(?<![\w.])([A-Za-z_]\w*)\s*\(", src):
        name = m.group(1)
        if name in KEYWORDS or name in udf:
            continue
        # declarations inside the functions block look like calls: `real foo(`
        before = src[max(0, m.start() - 40):m.start()]
        if re.search(TYPE_WORDS + r"\s+$", before) or re.search(r"~\s*$", before):
            continue
        found.add(name)
    return found


def signature_names(path):
    names = set()
    if not os.path.exists(path):
        return names
    for line in open(path):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r".*?\s([A-Za-z_]\w*)\s*\(", line)
        if m:
            names.add(m.group(1))
    return names


def resolve(name, sigs):
    """A sampling `~foo` is implemented by foo_lpdf or foo_lpmf."""
    if not name.startswith("~"):
        return name
    base = name[1:]
    for suffix in ("_lpdf", "_lpmf"):
        if base + suffix in sigs:
            return base + suffix
    return base + " (sampling: _lpdf/_lpmf)"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--write", action="store_true", help="rewrite docs/stan-functions.md")
    ap.add_argument("--check", action="store_true", help="exit 1 unless every name is in signatures.txt")
    args = ap.parse_args()

    programs = {}
    for d in sorted(os.listdir(args.corpus)):
        f = os.path.join(args.corpus, d, "model.stan")
        if os.path.exists(f):
            programs.setdefault(d.split("-", 1)[1] if "-" in d else d, f)
    sigs = signature_names(SIGNATURES)
    count = collections.Counter()
    users = collections.defaultdict(list)
    for prog, f in sorted(programs.items()):
        names = {resolve(n, sigs) for n in uses(open(f).read())}
        for n in names:
            count[n] += 1
            users[n].append(prog)
    rows = sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))
    missing = [n for n, _ in rows if n not in sigs]

    lines = ["# Stan functions used by the posteriordb corpus", "",
             "Generated by `python3 elbo4j-bench/stan/list_functions.py --write` from "
             "`../shared/data/posteriordb-all/*/model.stan` (%d distinct programs). A sampling statement "
             "`y ~ foo(...)` counts as `foo_lpdf`/`foo_lpmf`; a truncation `T[...]` adds `foo_lcdf` and `foo_lccdf`. "
             "Implemented means: listed in `elbo4j-stan/src/main/resources/org/elbo4j/stan/functions/signatures.txt`."
             % len(programs), "",
             "Implemented: %d of %d names." % (len(rows) - len(missing), len(rows)), "",
             "| function | programs using it | implemented | example program |",
             "| --- | ---: | --- | --- |"]
    for n, c in rows:
        lines.append("| `%s` | %d | %s | %s |" % (n, c, "yes" if n in sigs else "no", users[n][0]))
    lines += ["", NOTES]
    text = "\n".join(lines) + "\n"
    if args.write:
        with open(DOC, "w") as out:
            out.write(text)
    else:
        sys.stdout.write(text)
    if args.check and missing:
        sys.stderr.write("not in signatures.txt (%d): %s\n" % (len(missing), ", ".join(missing)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
