// Eight schools, non-centered (Rubin 1981; Gelman et al., Bayesian Data Analysis, 5.5).
// From posteriordb (eight_schools-eight_schools_noncentered), BSD 3-Clause licence: see licenses/.
data {
  int<lower=0> J;                 // number of schools
  array[J] real y;                // estimated treatment effects
  array[J] real<lower=0> sigma;   // standard errors of the effects
}
parameters {
  vector[J] theta_trans;          // standardised school effects
  real mu;                        // population mean
  real<lower=0> tau;              // population sd
}
transformed parameters {
  vector[J] theta = theta_trans * tau + mu;
}
model {
  theta_trans ~ normal(0, 1);
  y ~ normal(theta, sigma);
  mu ~ normal(0, 5);
  tau ~ cauchy(0, 5);
}
generated quantities {
  array[J] real y_rep = normal_rng(theta, sigma);   // posterior predictive replicate of each school's estimate
}
