#!/usr/bin/env python3
"""Rewrites a Stan program from modern syntax (Stan >= 2.33) to the syntax rstan 2.21 reads.

Peer tooling for elbo4j's Stan reference values (make_reference.R), not product code.

Rewrites:
  - sized array declarations:   array[N, M] real<lower=0> x      ->  real<lower=0> x[N, M]
                                array[N] vector<lower=0>[K] x    ->  vector<lower=0>[K] x[N]
  - unsized (function) types:   array[] real, array[,] int       ->  real[], int[,]
                                data array[] vector              ->  data vector[]
  - unnormalised density names: foo_lupdf / foo_lupmf            ->  foo_lpdf / foo_lpmf  (2.21 has only these;
                                inside a model block Stan drops constants either way, log_prob keeps them all)
A program that still uses something Stan 2.21 lacks after these rewrites is reported (exit status 2, the reason on
stderr): the variadic ODE interface (ode_rk45, ode_bdf, ...), profile blocks, tuples, complex numbers, %/%.

Usage: rewrite_stan221.py IN.stan OUT.stan
"""
import re
import sys

ELEMENT_TYPES = {
    "int", "real", "vector", "row_vector", "matrix", "simplex", "unit_vector", "ordered", "positive_ordered",
    "cholesky_factor_corr", "cholesky_factor_cov", "corr_matrix", "cov_matrix", "complex",
}

# Constructs of modern Stan that 2.21 cannot express by a local rewrite: (regex, reason).
UNSUPPORTED = [
    (re.compile(r"\bode_(rk45|bdf|adams|ckrk|rk45_tol|bdf_tol|adams_tol|ckrk_tol|adjoint_tol_ctl)\s*\("),
     "variadic ODE solver {0} (Stan 2.24+); 2.21 has only integrate_ode_* with a different signature"),
    (re.compile(r"\bprofile\s*\("), "profile block (Stan 2.26+)"),
    (re.compile(r"%/%"), "integer division operator %/% (Stan 2.24+)"),
    (re.compile(r"\btuple\s*\("), "tuple type (Stan 2.33+)"),
    (re.compile(r"\bcomplex(_vector|_row_vector|_matrix)?\b"), "complex numbers (Stan 2.30+)"),
    (re.compile(r"\bfatal_error\s*\("), "fatal_error (Stan 2.34+)"),
]


class Unsupported(Exception):
    """The program needs a Stan feature that 2.21 lacks."""


def tokenize(src):
    """Splits Stan source into tokens, keeping whitespace and comments as tokens so the output keeps them."""
    tokens = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("//", i) or c == "#":
            j = src.find("\n", i)
            j = n if j < 0 else j
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            if j < 0:
                raise Unsupported("unterminated /* comment")
            j += 2
        elif c.isspace():
            j = i
            while j < n and src[j].isspace():
                j += 1
        elif c.isalpha() or c == "_":
            j = i
            while j < n and (src[j].isalnum() or src[j] == "_"):
                j += 1
        elif c == '"':
            j = src.find('"', i + 1)
            if j < 0:
                raise Unsupported("unterminated string literal")
            j += 1
        elif c.isdigit() or (c == "." and i + 1 < n and src[i + 1].isdigit()):
            m = re.compile(r"(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?").match(src, i)
            j = m.end()
        else:
            j = i + 1
        tokens.append(src[i:j])
        i = j
    return tokens


def is_trivia(tok):
    return tok.isspace() or tok.startswith("//") or tok.startswith("/*") or tok.startswith("#")


def skip_trivia(tokens, i):
    while i < len(tokens) and is_trivia(tokens[i]):
        i += 1
    return i


def balanced(tokens, i, open_tok, close_tok):
    """tokens[i] == open_tok; returns the index just past the matching close_tok. For '<' ... '>' (bounds) only
    a '>' outside parentheses/brackets closes (as Stan's grammar requires)."""
    assert tokens[i] == open_tok
    depth = 0
    j = i
    while j < len(tokens):
        t = tokens[j]
        if open_tok == "<":
            if t in ("(", "[", "{"):
                depth += 1
            elif t in (")", "]", "}"):
                depth -= 1
            elif t == ">" and depth == 0:
                return j + 1
        else:
            if t == open_tok:
                depth += 1
            elif t == close_tok:
                depth -= 1
                if depth == 0:
                    return j + 1
        j += 1
    raise Unsupported("unbalanced " + open_tok)


def rewrite_arrays(tokens):
    out = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        j = skip_trivia(tokens, i + 1)
        if t == "array" and j < len(tokens) and tokens[j] == "[":
            k = balanced(tokens, j, "[", "]")
            dims = "".join(tokens[j + 1:k - 1])
            k = skip_trivia(tokens, k)
            if k >= len(tokens) or tokens[k] not in ELEMENT_TYPES:
                raise Unsupported("array of %r is not a rewritable declaration" % (tokens[k] if k < len(tokens) else "EOF"))
            type_start = k
            k += 1
            k2 = skip_trivia(tokens, k)
            if k2 < len(tokens) and tokens[k2] == "<":          # bounds / offset-multiplier
                k = balanced(tokens, k2, "<", ">")
            k2 = skip_trivia(tokens, k)
            if k2 < len(tokens) and tokens[k2] == "[":          # vector/matrix sizes
                k = balanced(tokens, k2, "[", "]")
            elem_type = "".join(tokens[type_start:k]).strip()
            if dims.replace(",", "").strip() == "":
                # unsized (function argument or return type): real[], int[,]
                out.append(elem_type + "[" + dims.replace(" ", "") + "]")
                i = k
                continue
            name_at = skip_trivia(tokens, k)
            name = tokens[name_at] if name_at < len(tokens) else ""
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                raise Unsupported("sized array type not followed by a variable name near %r" % name)
            out.append(elem_type + " " + name + "[" + dims + "]")
            i = name_at + 1
            continue
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*_lup[dm]f", t):
            out.append(t[:-6] + "_lp" + t[-2:])
            i += 1
            continue
        out.append(t)
        i += 1
    return out


def check_supported(src):
    code = "".join(t for t in tokenize(src) if not is_trivia(t))
    for pattern, reason in UNSUPPORTED:
        m = pattern.search(code)
        if m:
            raise Unsupported(reason.format(m.group(0).rstrip("( ")))


def transformed_data_rng(src):
    """The first *_rng function called in the transformed data block, or None."""
    tokens = [t for t in tokenize(src) if not is_trivia(t)]
    for i in range(len(tokens) - 2):
        if tokens[i] == "transformed" and tokens[i + 1] == "data" and tokens[i + 2] == "{":
            end = balanced(tokens, i + 2, "{", "}")
            for t in tokens[i + 3:end]:
                if t.endswith("_rng"):
                    return t
    return None


def rewrite(src):
    check_supported(src)
    rng = transformed_data_rng(src)
    if rng:
        raise Unsupported("transformed data draws random numbers (%s): Stan's RNG stream cannot be reproduced" % rng)
    return "".join(rewrite_arrays(tokenize(src)))


def main(argv):
    if len(argv) != 3:
        print("usage: rewrite_stan221.py IN.stan OUT.stan", file=sys.stderr)
        return 1
    with open(argv[1]) as f:
        src = f.read()
    try:
        out = rewrite(src)
    except Unsupported as e:
        print("unsupported by Stan 2.21: %s" % e, file=sys.stderr)
        return 2
    with open(argv[2], "w") as f:
        f.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
