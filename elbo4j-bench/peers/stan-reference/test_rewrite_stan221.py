#!/usr/bin/env python3
"""Tests of rewrite_stan221.py: python3 test_rewrite_stan221.py"""
import unittest

from rewrite_stan221 import Unsupported, rewrite


class RewriteTest(unittest.TestCase):
    def check(self, modern, old):
        self.assertEqual(old, rewrite(modern))

    def test_sized_declarations(self):
        self.check("array[N] real x;", "real x[N];")
        self.check("array[N, M] int<lower=0, upper=1> y;", "int<lower=0, upper=1> y[N, M];")
        self.check("array[N] vector<lower=0>[K] v;", "vector<lower=0>[K] v[N];")
        self.check("array[J] matrix[R, C] m = rep_array(A, J);", "matrix[R, C] m[J] = rep_array(A, J);")
        self.check("array[K] simplex[K] theta;", "simplex[K] theta[K];")
        self.check("array[N] real<lower=min(y), upper=max(y[1:3])> z;", "real<lower=min(y), upper=max(y[1:3])> z[N];")
        self.check("array[size(x)] real<offset=mu, multiplier=s[1]> w;", "real<offset=mu, multiplier=s[1]> w[size(x)];")

    def test_unsized_function_types(self):
        self.check("array[] real f(real t, array[] real y, data array[,] int x_i) {",
                   "real[] f(real t, real[] y, data int[,] x_i) {")
        self.check("vector g(array[] vector a)", "vector g(vector[] a)")

    def test_comments_strings_and_other_code_are_kept(self):
        self.check("// an array[N] real in a comment\nreal x; /* array[2] */ print(\"array[3] real\");",
                   "// an array[N] real in a comment\nreal x; /* array[2] */ print(\"array[3] real\");")
        self.check("y ~ normal(mu[idx], sigma); x = rep_array(0, I);", "y ~ normal(mu[idx], sigma); x = rep_array(0, I);")

    def test_unnormalised_densities(self):
        self.check("target += normal_lupdf(y | 0, 1) + poisson_lupmf(k | l);",
                   "target += normal_lpdf(y | 0, 1) + poisson_lpmf(k | l);")

    def test_unsupported(self):
        for src, reason in [
            ("y = ode_rk45(f, y0, t0, ts, theta);", "variadic ODE"),
            ("profile(\"a\") { }", "profile"),
            ("int k = n %/% 2;", "%/%"),
            ("transformed data { real z = normal_rng(0, 1); }", "transformed data draws random numbers"),
        ]:
            with self.assertRaises(Unsupported) as e:
                rewrite(src)
            self.assertIn(reason, str(e.exception))
        # an _rng in generated quantities is fine
        self.assertIn("normal_rng", rewrite("generated quantities { real z = normal_rng(0, 1); }"))


if __name__ == "__main__":
    unittest.main()
