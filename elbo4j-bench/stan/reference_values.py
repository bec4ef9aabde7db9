#!/usr/bin/env python3
"""Reference log densities for the Stan function library tests, computed by SciPy.

Writes elbo4j-stan/src/test/resources/org/elbo4j/stan/functions/reference-densities.txt, one case a line:

    <stan function>|<arg>|<arg>|...|<value>

An argument is a real (`0.5`), a vector of reals (`[0.5,1]`), an int (`i:3`) or an int array (`i:[1,0,3]`). The value
is the sum over the vectorised elements (the product for a _cdf), with every normalising constant, as Stan defines
the function. Command (from the repository root; SciPy 1.17.1, NumPy 2.4.6 here):

    python3 elbo4j-bench/stan/reference_values.py
"""
import os

import numpy as np
from scipy import special, stats

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "elbo4j-stan", "src", "test", "resources", "org", "elbo4j",
                   "stan", "functions", "reference-densities.txt")


def enc(a):
    if isinstance(a, tuple) and a[0] == "i":
        v = a[1]
        return "i:" + ("[" + ",".join(str(int(x)) for x in v) + "]" if isinstance(v, list) else str(int(v)))
    if isinstance(a, list) and a and isinstance(a[0], list):
        return "[" + ",".join(enc(r) for r in a) + "]"
    if isinstance(a, list):
        return "[" + ",".join(repr(float(x)) for x in a) + "]"
    return repr(float(a))


def arr(a):
    if isinstance(a, tuple):
        return np.asarray(a[1], dtype=float)
    return np.asarray(a, dtype=float)


cases = []


def case(name, args, value):
    cases.append("|".join([name] + [enc(a) for a in args] + [repr(float(value))]))


def vec(name, dist_logpdf, *args):
    """Sum of an elementwise log density over broadcast arguments."""
    vals = np.broadcast_arrays(*[arr(a) for a in args])
    case(name, args, np.sum(dist_logpdf(*vals)))


# continuous, each with scalar and vector arguments
vec("normal_lpdf", lambda y, m, s: stats.norm.logpdf(y, m, s), [0.3, -1.2, 2.5], 0.4, [1.5, 0.7, 2.0])
vec("normal_lpdf", lambda y, m, s: stats.norm.logpdf(y, m, s), 1.1, [0.4, -0.3], 0.9)
vec("normal_lpdf", lambda y, m, s: stats.norm.logpdf(y, m, s), [1.0, 2.0, 3.0, 4.0], [0.5, 1.0, 1.5, 2.5], [1.0, 2.0, 3.0, 0.5])
vec("std_normal_lpdf", lambda y: stats.norm.logpdf(y), [0.3, -1.2, 2.5])
vec("normal_lcdf", lambda y, m, s: stats.norm.logcdf(y, m, s), [0.3, -1.2, -9.0], 0.4, 1.5)
vec("normal_lccdf", lambda y, m, s: stats.norm.logsf(y, m, s), [0.3, -1.2, 9.0], 0.4, 1.5)
case("normal_cdf", [[0.3, -1.2], 0.4, 1.5], np.prod(stats.norm.cdf([0.3, -1.2], 0.4, 1.5)))
vec("lognormal_lpdf", lambda y, m, s: stats.lognorm.logpdf(y, s, scale=np.exp(m)), [0.3, 1.2, 2.5], 0.4, [1.5, 0.7, 2.0])
vec("student_t_lpdf", lambda y, n, m, s: stats.t.logpdf(y, n, m, s), [0.3, -1.2, 2.5], [3.0, 4.5, 10.0], 0.4, 1.5)
vec("student_t_lpdf", lambda y, n, m, s: stats.t.logpdf(y, n, m, s), 0.7, 3.0, [0.0, 1.0], 10.0)
vec("student_t_lcdf", lambda y, n, m, s: stats.t.logcdf(y, n, m, s), [0.3, -1.2, 2.5, -30.0], 3.0, 0.4, 1.5)
vec("student_t_lccdf", lambda y, n, m, s: stats.t.logsf(y, n, m, s), 0.0, 3.0, 0.0, 36.0)
vec("student_t_lccdf", lambda y, n, m, s: stats.t.logsf(y, n, m, s), [0.3, -1.2, 2.5, 30.0], [3.0, 1.5, 7.0, 2.0], 0.4, 1.5)
case("student_t_cdf", [[0.3, -1.2], 3.0, 0.4, 1.5], np.prod(stats.t.cdf([0.3, -1.2], 3.0, 0.4, 1.5)))
vec("cauchy_lpdf", lambda y, m, s: stats.cauchy.logpdf(y, m, s), [0.3, -1.2, 25.0], 0.4, [1.5, 0.7, 5.0])
vec("cauchy_lcdf", lambda y, m, s: stats.cauchy.logcdf(y, m, s), [0.3, -1.2, -1e4], 0.4, 1.5)
vec("cauchy_lccdf", lambda y, m, s: stats.cauchy.logsf(y, m, s), [0.3, -1.2, 1e4], 0.4, 1.5)
vec("gamma_lpdf", lambda y, a, b: stats.gamma.logpdf(y, a, scale=1 / b), [0.3, 1.2, 2.5], [0.5, 2.0, 7.5], 1.7)
vec("inv_gamma_lpdf", lambda y, a, b: stats.invgamma.logpdf(y, a, scale=b), [0.3, 1.2, 2.5], 1.124909, [0.0177, 1.0, 3.0])
vec("exponential_lpdf", lambda y, b: stats.expon.logpdf(y, scale=1 / b), [0.3, 1.2, 2.5], [0.5, 2.0, 7.5])
vec("exponential_lcdf", lambda y, b: stats.expon.logcdf(y, scale=1 / b), [0.3, 1.2, 2.5], 0.8)
vec("exponential_lccdf", lambda y, b: stats.expon.logsf(y, scale=1 / b), [0.3, 1.2, 2.5], 0.8)
vec("chi_square_lpdf", lambda y, n: stats.chi2.logpdf(y, n), [0.3, 1.2, 2.5], [0.5, 2.0, 7.5])
vec("inv_chi_square_lpdf", lambda y, n: stats.invgamma.logpdf(y, n / 2, scale=0.5), [0.3, 1.2, 2.5], [0.5, 2.0, 7.5])
vec("scaled_inv_chi_square_lpdf", lambda y, n, s: stats.invgamma.logpdf(y, n / 2, scale=n * s * s / 2), [0.3, 1.2, 2.5], [0.5, 2.0, 7.5], 0.8)
vec("weibull_lpdf", lambda y, a, s: stats.weibull_min.logpdf(y, a, scale=s), [0.3, 1.2, 2.5], [0.5, 2.0, 7.5], 1.3)
vec("beta_lpdf", lambda y, a, b: stats.beta.logpdf(y, a, b), [0.3, 0.02, 0.9], [0.5, 2.0, 7.5], 1.3)
vec("uniform_lpdf", lambda y, a, b: stats.uniform.logpdf(y, a, b - a), [0.3, 1.2, 2.5], -1.0, [1.0, 2.0, 3.0])
vec("logistic_lpdf", lambda y, m, s: stats.logistic.logpdf(y, m, s), [0.3, -1.2, 25.0], 0.4, [1.5, 0.7, 2.0])
vec("double_exponential_lpdf", lambda y, m, s: stats.laplace.logpdf(y, m, s), [0.3, -1.2, 25.0], 0.4, [1.5, 0.7, 2.0])

for nm, lo, up, args, y in [
        ("lognormal", lambda y, m, s: stats.lognorm.logcdf(y, s, scale=np.exp(m)), lambda y, m, s: stats.lognorm.logsf(y, s, scale=np.exp(m)), [0.4, 1.5], [0.3, 1.2, 2.5]),
        ("gamma", lambda y, a, b: stats.gamma.logcdf(y, a, scale=1 / b), lambda y, a, b: stats.gamma.logsf(y, a, scale=1 / b), [2.5, 1.7], [0.3, 1.2, 2.5]),
        ("inv_gamma", lambda y, a, b: stats.invgamma.logcdf(y, a, scale=b), lambda y, a, b: stats.invgamma.logsf(y, a, scale=b), [2.5, 1.7], [0.3, 1.2, 2.5]),
        ("weibull", lambda y, a, s: stats.weibull_min.logcdf(y, a, scale=s), lambda y, a, s: stats.weibull_min.logsf(y, a, scale=s), [1.5, 1.3], [0.3, 1.2, 2.5]),
        ("beta", lambda y, a, b: stats.beta.logcdf(y, a, b), lambda y, a, b: stats.beta.logsf(y, a, b), [2.5, 1.7], [0.3, 0.02, 0.9]),
        ("uniform", lambda y, a, b: stats.uniform.logcdf(y, a, b - a), lambda y, a, b: stats.uniform.logsf(y, a, b - a), [-1.0, 3.0], [0.3, 1.2, 2.5]),
        ("logistic", lambda y, m, s: stats.logistic.logcdf(y, m, s), lambda y, m, s: stats.logistic.logsf(y, m, s), [0.4, 1.5], [0.3, -1.2, 25.0]),
        ("double_exponential", lambda y, m, s: stats.laplace.logcdf(y, m, s), lambda y, m, s: stats.laplace.logsf(y, m, s), [0.4, 1.5], [0.3, -1.2, 2.5])]:
    vec(nm + "_lcdf", lo, y, *args)
    vec(nm + "_lccdf", up, y, *args)
    case(nm + "_cdf", [y[:2]] + args, np.exp(np.sum(lo(np.asarray(y[:2]), *args))))

# discrete
vec("neg_binomial_lpmf", lambda k, a, b: stats.nbinom.logpmf(k, a, b / (1 + b)), ("i", [3, 0, 10]), [2.5, 0.5, 11.0], 0.7)
vec("bernoulli_lpmf", lambda n, p: stats.bernoulli.logpmf(n, p), ("i", [1, 0, 1, 1]), [0.2, 0.5, 0.9, 0.6])
vec("bernoulli_lpmf", lambda n, p: stats.bernoulli.logpmf(n, p), ("i", [1, 0, 1]), 0.3)
vec("bernoulli_logit_lpmf", lambda n, a: np.where(n == 1, -np.logaddexp(0, -a), -np.logaddexp(0, a)), ("i", [1, 0, 1, 0]), [0.2, -1.5, 3.0, 40.0])
vec("binomial_lpmf", lambda k, n, p: stats.binom.logpmf(k, n, p), ("i", [3, 0, 10]), ("i", [10, 4, 10]), [0.2, 0.5, 0.9])
vec("binomial_logit_lpmf", lambda k, n, a: stats.binom.logpmf(k, n, special.expit(a)), ("i", [3, 0, 10]), ("i", [10, 4, 10]), [0.2, -0.5, 2.9])
vec("poisson_lpmf", lambda k, l: stats.poisson.logpmf(k, l), ("i", [3, 0, 10]), [2.5, 0.5, 11.0])
vec("poisson_log_lpmf", lambda k, a: stats.poisson.logpmf(k, np.exp(a)), ("i", [3, 0, 10]), [0.7, -0.5, 2.3])
vec("neg_binomial_2_lpmf", lambda k, m, p: stats.nbinom.logpmf(k, p, p / (m + p)), ("i", [3, 0, 10]), [2.5, 0.5, 11.0], [0.7, 3.0, 50.0])
vec("neg_binomial_2_log_lpmf", lambda k, e, p: stats.nbinom.logpmf(k, p, p / (np.exp(e) + p)), ("i", [3, 0, 10]), [0.9, -0.7, 2.4], 4.0)
probs = np.array([0.2, 0.5, 0.3])
case("categorical_lpmf", [("i", [1, 3, 2, 2]), list(probs)], np.sum(np.log(probs[[0, 2, 1, 1]])))
beta = np.array([0.3, -1.0, 2.0])
case("categorical_logit_lpmf", [("i", [1, 3, 2]), list(beta)], np.sum((beta - special.logsumexp(beta))[[0, 2, 1]]))
# multivariate
alpha = np.array([0.5, 2.0, 3.5])
theta = np.array([0.2, 0.5, 0.3])
case("dirichlet_lpdf", [list(theta), list(alpha)], stats.dirichlet.logpdf(theta, alpha))

y = np.array([0.3, -1.2, 0.5])
mu = np.array([0.1, 0.4, -0.2])
S = np.array([[1.5, 0.3, 0.1], [0.3, 0.8, -0.2], [0.1, -0.2, 2.0]])
L = np.linalg.cholesky(S)
case("multi_normal_lpdf", [list(y), list(mu), S.tolist()], stats.multivariate_normal.logpdf(y, mu, S))
case("multi_normal_cholesky_lpdf", [list(y), list(mu), L.tolist()], stats.multivariate_normal.logpdf(y, mu, S))
Y = np.array([[0.3, -1.2, 0.5], [1.0, 0.0, -1.0]])
case("multi_normal_cholesky_lpdf", [Y.tolist(), list(mu), L.tolist()], np.sum(stats.multivariate_normal.logpdf(Y, mu, S)))
# LKJ for K = 2 by the closed form: r = 2u - 1 with u ~ Beta(eta, eta), density (1 - r^2)^(eta-1) / (2^(2eta-1) B(eta, eta))
for eta in [1.0, 2.5]:
    r = 0.35
    val = (eta - 1) * np.log(1 - r * r) - (2 * eta - 1) * np.log(2) - special.betaln(eta, eta)
    case("lkj_corr_lpdf", [[[1.0, r], [r, 1.0]], eta], val)
    case("lkj_corr_cholesky_lpdf", [[[1.0, 0.0], [r, np.sqrt(1 - r * r)]], eta], val)

with open(OUT, "w") as f:
    f.write("# Generated by elbo4j-bench/stan/reference_values.py (SciPy %s); do not edit.\n" % __import__("scipy").__version__)
    f.write("\n".join(cases) + "\n")
print("%d cases -> %s" % (len(cases), os.path.normpath(OUT)))
