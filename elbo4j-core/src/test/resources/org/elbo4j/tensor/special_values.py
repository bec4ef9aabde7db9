"""Writes special-values.csv, the reference values of SpecialValuesTest.

Run from this directory:  python3 special_values.py > special-values.csv   (mpmath 1.3.0)
"""
import mpmath as mp
mp.mp.dps = 50
def r(v): return mp.nstr(v, 20, min_fixed=-5, max_fixed=5) if mp.isfinite(v) else ('Infinity' if v > 0 else '-Infinity')
def sp(x): return mp.log1p(mp.exp(x))
def sig(x): return 1/(1+mp.exp(-x))
rows = []
def add(fn, xs, f, note=''):
    for x in xs:
        rows.append((fn, repr(float(x)), r(f(mp.mpf(x))), note))
add('lgamma', [0.5, 1.0, 2.0, 3.0, 10.0, 100.0, 1e-300, 1e-8, 0.1, 1.5, 2.5, 7.3, 1e5, 171.5, 1e300, -0.5, -2.5], lambda x: mp.log(abs(mp.gamma(x))) if x < 1e200 else mp.loggamma(x))
add('digamma', [1.0, 0.5, 2.0, 10.0, 1e-8, 0.1, 1.5, 3.7, 100.0, 1e6, -0.5, -2.5], mp.digamma)
add('trigamma', [1.0, 0.5, 2.0, 10.0, 0.1, 1.5, 100.0, -0.5], lambda x: mp.polygamma(1, x))
add('softplus', [-800.0, -40.0, -1.0, 0.0, 1e-10, 1.0, 40.0, 800.0], sp)
add('sigmoid', [-800.0, -40.0, -1.0, 0.0, 1.0, 40.0, 800.0], sig)
add('logSigmoid', [-800.0, -40.0, -1.0, 0.0, 1.0, 40.0, 800.0], lambda x: -sp(-x))
add('dsigmoid', [-800.0, -40.0, -1.0, 0.0, 1.0, 40.0, 800.0], lambda x: sig(x)*sig(-x))
print("# Reference values: function, x (the exact binary double Java parses from this text), expected.")
print("# Computed with mpmath 1.3.0 at 50 digits by special_values.py (python3 special_values.py > special-values.csv):")
print("#   lgamma = log|gamma(x)| (loggamma for x = 1e300), digamma = mp.digamma, trigamma = mp.polygamma(1, x),")
print("#   softplus = log1p(exp(x)), sigmoid = 1/(1+exp(-x)), logSigmoid = -softplus(-x), dsigmoid = sigmoid(x)*sigmoid(-x).")
print("# Expected values below the double range (e.g. softplus(-800) = 3.7e-348) round to 0.")
for fn, x, v, note in rows:
    print(f"{fn},{x},{v}")
