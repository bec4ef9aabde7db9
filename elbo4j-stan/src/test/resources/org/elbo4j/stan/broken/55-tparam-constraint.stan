parameters {
  real mu;
}
transformed parameters {
  real<upper=0> p = exp(mu);
}
model {
  mu ~ normal(0, 1);
}

// expect: :5: transformed parameter 'p': declared <upper=0>, found 1
// stage: eval
