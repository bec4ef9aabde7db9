parameters {
  real mu;
}
model {
  mu ~ normal_lpdf(0, 1);
}

// expect: the suffix is implied
// at: 5:8
// stage: parse
