// Bayesian logistic regression of elbo4j's benchmarks (data: make_logistic_data.py, N=1000, D=10).
//   alpha ~ normal(0, 10), beta[d] ~ normal(0, 2.5), y[n] ~ bernoulli(inv_logit(alpha + x[n] . beta)).
// Written the way a Stan user would (vectorised bernoulli_logit); the elbo4j port copies this model.
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
  y ~ bernoulli_logit(alpha + x * beta);
}
