parameters {
  real mu;
}
model {
  mu ~ normal(z, 1);
}

// expect: 'z' is not declared
// at: 5:15
// stage: parse
