data {
  int N;
  vector[N] y;
}
parameters {
  real mu;
}
model {
  y[N + 1] ~ normal(mu, 1);
}

// expect: :9: index 4 out of range; expecting index to be between 1 and 3
// stage: eval
