#!/usr/bin/python3
"""Reference values for org.elbo4j.math.Special, computed with mpmath at 50 significant digits.

Run from the repository root:
    /usr/bin/python3 elbo4j-core/src/test/python/special_reference.py \
        > elbo4j-core/src/test/resources/org/elbo4j/math/special-reference.csv

Inputs are binary doubles written with Python's repr (which round-trips exactly, and Java's
Double.parseDouble reads back the same double); each is converted to mpmath exactly (mpf(float) is exact),
so the reference is the function at the double the Java test passes. Expected values are the 50-digit result
rounded to the nearest double. The derivative of P(a, x) in a is mp.diff of P (x <= a) or of -Q (x > a); on
the grid points where it is affordable it is recomputed independently, by summing the term-by-term derivative
of the series DLMF 8.7.1 with enough extra digits to absorb its cancellation, and the script stops unless the
two agree to 1e-25. (Quadrature was tried first and dropped: mp.quad misjudged its own error on the sharply
peaked integrands at large a.) Random (a, x) points are placed with scipy.special.gammaincinv; their
reference values are mpmath's.
"""
import math
import random
import sys

import scipy
import scipy.special

import mpmath as mp

mp.mp.dps = 50


def fmt(v):
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return repr(v)


def M(x):
    return mp.mpf(float(x))


rows = []


def add(name, args, value):
    rows.append("%s,%s,%s" % (name, " ".join(fmt(a) for a in args), fmt(value)))


# --- log-gamma family ---------------------------------------------------------------------------------
def lgamma(x):
    x = M(x)
    return mp.loggamma(x) if x > 0 else mp.log(abs(mp.gamma(x)))


for x in [1e-300, 1e-100, 1e-10, 1e-3, 0.1, 0.5, 1 - 2.0**-30, 1.0, 1 + 2.0**-30, 1.5, 2 - 2.0**-30, 2.0,
          2 + 2.0**-30, 2.5, 3.0, 7.25, 10.0, 100.5, 171.5, 1e5, 1e10, 1e300,
          -0.5, -1.5, -2.999, -10.25, -100.5]:
    add("lgamma", [x], lgamma(x))

DIGAMMA_ROOT = float(mp.findroot(mp.digamma, 1.46))
for x in [1e-300, 1e-10, 1e-3, 0.1, 0.5, 1.0, 1.25, DIGAMMA_ROOT, 1.5, 2.0, 3.5, 5.0, 9.999, 10.0, 48.9,
          49.1, 100.0, 1e4, 1e10, 1e300, -0.5, -1.5, -2.999, -3.001, -10.25, -100.5]:
    add("digamma", [x], mp.digamma(M(x)))

for x in [1e-300, 1e-10, 1e-3, 0.1, 0.5, 1.0, 1.5, 2.0, 3.5, 10.0, 48.9, 100.0, 1e4, 1e10, 1e150,
          -0.5, -1.5, -2.999, -10.25]:
    add("trigamma", [x], mp.psi(1, M(x)))

for a, b in [(0.5, 0.5), (1.0, 1.0), (2.5, 3.5), (1e-3, 1e4), (1e-300, 1.0), (1e5, 1e5), (1e10, 2.5),
             (30.0, 40.0), (0.1, 1e3)]:
    add("lbeta", [a, b], mp.log(mp.beta(M(a), M(b))))

for n in [0.0, 1.0, 2.0, 5.0, 10.0, 20.0, 170.0, 171.0, 1e6, 1e15]:
    add("lfactorial", [n], mp.loggamma(M(n) + 1))

for n, k in [(10.0, 3.0), (50.0, 0.0), (50.0, 50.0), (50.0, 25.0), (1e6, 5e5), (1e10, 3.0), (1e15, 1.0),
             (7.5, 2.5)]:
    nn, kk = M(n), M(k)
    add("logBinomial", [n, k], mp.loggamma(nn + 1) - mp.loggamma(kk + 1) - mp.loggamma(nn - kk + 1))

# --- logistic / log-sum-exp ---------------------------------------------------------------------------
for x in [-800.0, -40.0, -37.0, -20.0, -1.0, -1e-20, 0.0, 1e-20, 1.0, 18.0, 20.0, 33.0, 34.0, 40.0, 800.0]:
    X = M(x)
    add("log1pexp", [x], mp.log1p(mp.exp(X)))
    add("logSigmoid", [x], -mp.log1p(mp.exp(-X)))
    add("sigmoid", [x], 1 / (1 + mp.exp(-X)))

for a in [1e-300, 1e-20, 1e-10, 0.1, 0.5, 0.6931471805599453, 0.6931471805599454, 1.0, 10.0, 40.0, 800.0]:
    add("log1mexp", [a], mp.log(-mp.expm1(-M(a))))

for a, b in [(0.0, 0.0), (1.0, 2.0), (-800.0, -801.0), (800.0, 800.0), (1e-20, -1e-20), (0.0, -40.0),
             (-1e300, 0.0), (5.0, -5.0)]:
    add("logAddExp", [a, b], mp.log(mp.exp(M(a)) + mp.exp(M(b))))
add("logAddExp", [float("-inf"), 3.0], 3.0)
add("logAddExp", [float("-inf"), float("-inf")], float("-inf"))

for xs in [[0.0], [1.0, 2.0, 3.0], [-1000.0, -1000.0], [1000.0, 1000.0, 999.0], [float("-inf"), 0.0, 1.0],
           [float("-inf"), float("-inf")], [0.0] * 10, [-40.0, 0.0, 1e-20], [5.0, float("-inf"), -745.0]]:
    finite = [M(v) for v in xs if not math.isinf(v)]
    val = mp.log(mp.fsum(mp.exp(v) for v in finite)) if finite else float("-inf")
    add("logSumExp", xs, val)

# --- error function and normal distribution -----------------------------------------------------------
for x in [0.0, 1e-300, 1e-20, 1e-3, 0.1, 0.5, 0.9, 1.0, 2.0, 3.0, 5.0, 6.0, -0.5, -3.0]:
    add("erf", [x], mp.erf(M(x)))
for x in [-3.0, -1.0, 0.0, 1e-20, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 26.5, 27.0]:
    add("erfc", [x], mp.erfc(M(x)))

for x in [-40.0, -38.4, -30.0, -20.0, -10.0, -5.0, -1.5, -1.0, -1e-10, 0.0, 1e-10, 0.5, 1.0, 3.0, 5.0, 8.0,
          9.0]:
    add("normalCdf", [x], mp.ncdf(M(x)))

for x in [-1e10, -1e5, -100.0, -40.0, -38.0, -20.0, -10.0, -5.0, -2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 5.0,
          10.0, 20.0, 40.0]:
    add("normalLogCdf", [x], mp.log(mp.ncdf(M(x))))


def ndtri(p):
    P = M(p)
    if P < 0.5:
        # Newton on log Phi(x) = log p is well conditioned in the far tail.
        x0 = -mp.sqrt(-2 * mp.log(P))
        return mp.findroot(lambda x: mp.log(mp.ncdf(x)) - mp.log(P), x0, tol=mp.mpf(10) ** -45)
    if P == 0.5:
        return mp.mpf(0)
    return -ndtri_upper(1 - P)


def ndtri_upper(q):
    x0 = -mp.sqrt(-2 * mp.log(q)) if q < 0.3 else mp.mpf(0)
    return mp.findroot(lambda x: mp.log(mp.ncdf(x)) - mp.log(q), x0, tol=mp.mpf(10) ** -45)


for p in [5e-324, 1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.01, 0.025, 0.075, 0.0751, 0.3, 0.5, 0.7, 0.925,
          0.975, 0.99, 1 - 1e-10, 1 - 2.0**-53]:
    add("normalQuantile", [p], ndtri(p))

# --- incomplete gamma and beta ------------------------------------------------------------------------
def gammaP(a, x):
    return mp.gammainc(M(a), 0, M(x), regularized=True)


def gammaQ(a, x):
    return mp.gammainc(M(a), M(x), mp.inf, regularized=True)


for a, x in [(1e-3, 1e-3), (0.5, 0.5), (1.0, 1.0), (2.5, 0.1), (2.5, 10.0), (10.0, 9.0), (100.0, 110.0),
             (1e4, 1e4), (1e4, 9800.0), (3.0, 50.0), (0.1, 30.0)]:
    add("regularizedGammaP", [a, x], gammaP(a, x))
    add("regularizedGammaQ", [a, x], gammaQ(a, x))

for x, a, b in [(0.5, 0.5, 0.5), (0.1, 2.0, 3.0), (0.9, 2.0, 3.0), (0.3, 1e-3, 1.0), (0.5, 100.0, 120.0),
                (1e-10, 0.5, 2.0), (0.999, 5.0, 0.5)]:
    add("regularizedBeta", [x, a, b], mp.betainc(M(a), M(b), 0, M(x), regularized=True))

# --- derivative of P(a, x) in the shape, and the implicit reparameterization gradient -----------------
def dP_da(a, x):
    A, X = M(a), M(x)
    if X > A:  # differentiate Q: no cancellation in the function when P is close to 1
        return -mp.diff(lambda t: mp.gammainc(t, X, mp.inf, regularized=True), A)
    return mp.diff(lambda t: mp.gammainc(t, 0, X, regularized=True), A)


def dP_da_series(a, x, dps):
    # Independent check: P(a, x) = x^a e^(-x) sum_n x^n / Gamma(a+n+1) (DLMF 8.7.1) differentiated term by term,
    # dP/da = x^a e^(-x) sum_n x^n / Gamma(a+n+1) (log x - psi(a+n+1)), summed at dps digits (the terms cancel
    # when x > a, so the caller supplies enough digits).
    with mp.workdps(dps):
        A, X = M(a), M(x)
        t = mp.exp(A * mp.log(X) - X - mp.loggamma(A + 1))
        total, n = mp.mpf(0), 0
        while True:
            term = t * (mp.log(X) - mp.digamma(A + n + 1))
            total += term
            if n > X and abs(term) < abs(total) * mp.mpf(10) ** -(dps - 5):
                return +total
            n += 1
            t *= X / (A + n)


def density(a, x):
    A, X = M(a), M(x)
    return mp.exp((A - 1) * mp.log(X) - X - mp.loggamma(A))


GRID = []
for a in [1e-3, 0.01, 0.1, 0.5, 1.0, 2.5, 10.0, 100.0, 1e3, 1e4]:
    xs = set()
    for r in [1e-3, 0.1, 0.5, 0.9, 1.0, 1.1, 2.0, 5.0]:
        xs.add(a * r)
    for x in [1e-300, 1e-10, 1e-3, 0.1, 1.0, 10.0, 100.0, 1000.0]:
        xs.add(x)
    sd = math.sqrt(a)
    for k in [-3.0, -1.0, 1.0, 3.0, 6.0]:
        if a + k * sd > 0:
            xs.add(a + k * sd)
    for x in sorted(xs):
        GRID.append((a, x))

checked = 0
for a, x in GRID:
    d = dP_da(a, x)
    # Digits lost to cancellation in the series: log10 of (largest partial sum / result), about x / ln 10 at worst.
    extra = max(0, int(-mp.log10(abs(d)))) if d != 0 else 400
    if x <= 3000 and extra <= 1300:
        s_ = dP_da_series(a, x, 40 + extra + 20)
        if abs(s_ - d) > mp.mpf(10) ** -25 * abs(d):
            sys.exit("dP/da disagreement at a=%r x=%r: diff %s series %s" % (a, x, d, s_))
        checked += 1
    add("gammaPDerivA", [a, x], d)
    add("standardGammaSampleGrad", [a, x], -d / density(a, x))
# Random points: a log-uniform on [1e-3, 1e4], x the Gamma(a) quantile of u, log u uniform on [log 1e-12, 0)
# for either tail (scipy's gammaincinv / gammainccinv only place x; the reference values are mpmath's).
rnd = random.Random(20240611)
for i in range(200):
    a = 10 ** rnd.uniform(-3, 4)
    u = 10 ** rnd.uniform(-12, 0)
    x = float(scipy.special.gammaincinv(a, u) if i % 2 == 0 else scipy.special.gammainccinv(a, u))
    if not (0 < x < math.inf):
        continue
    d = dP_da(a, x)
    add("gammaPDerivA", [a, x], d)
    add("standardGammaSampleGrad", [a, x], -d / density(a, x))
# Far tails, where the density underflows in double precision but dx/da is finite.
for a, x in [(1e-3, 1e-320), (1.0, 800.0), (2.5, 1500.0), (1e-3, 750.0), (100.0, 1e-5), (1e4, 2e4)]:
    d = dP_da(a, x)
    add("standardGammaSampleGrad", [a, x], -d / density(a, x))

print("# Reference values for org.elbo4j.math.Special (SpecialReferenceTest).")
print("# Generated by: /usr/bin/python3 elbo4j-core/src/test/python/special_reference.py"
      " > elbo4j-core/src/test/resources/org/elbo4j/math/special-reference.csv")
print("# mpmath %s, mp.dps = %d (scipy %s only to place random x). Inputs are exact doubles (Python repr);"
      " expected = 50-digit value rounded to double." % (mp.__version__, mp.mp.dps, scipy.__version__))
print("# gammaPDerivA: mp.diff of P (x <= a) or -Q (x > a); %d of the points cross-checked to 1e-25 against the"
      " term-by-term derivative of the series DLMF 8.7.1."
      % checked)
print("# function,args (space separated),expected")
for r in rows:
    print(r)
