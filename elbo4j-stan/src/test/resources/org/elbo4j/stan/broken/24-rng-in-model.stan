parameters {
  real mu;
}
model {
  real z = normal_rng(0, 1);
  mu ~ normal(z, 1);
}

// expect: random number generator 'normal_rng' is only allowed
// at: 5:12
// stage: parse
