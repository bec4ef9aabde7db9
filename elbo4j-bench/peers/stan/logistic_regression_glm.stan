// The same model as logistic_regression.stan, written with Stan's fused GLM likelihood
// bernoulli_logit_glm (analytic gradient of the whole likelihood in one autodiff node), the fastest way
// to write it in Stan 2.21: the "Stan at its best" variant of the logistic-regression benchmark.
data {
  int<lower=0> N;
  int<lower=0> D;
  matrix[N, D] x;
  int<lower=0, upper=1> y[N];
}
parameters {
  real alpha;
  vector[D] beta;
}
model {
  alpha ~ normal(0, 10);
  beta ~ normal(0, 2.5);
  y ~ bernoulli_logit_glm(x, alpha, beta);
}
