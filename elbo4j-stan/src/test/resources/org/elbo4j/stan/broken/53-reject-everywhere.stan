parameters {
  real mu;
}
model {
  mu ~ normal(0, 1);
  reject("always, mu = ", mu);
}

// expect: :6: rejected: always, mu = 0
// stage: eval
