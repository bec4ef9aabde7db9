parameters {
  real mu;
}
model {
  mu ~ normal(0, -1);
}

// expect: :5: normal_lpdf: Scale parameter is -1
// stage: eval
