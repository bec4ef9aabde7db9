parameters {
  real mu;
}
model {
  target += exp(mu | 1);
}

// expect: '|' separates the variate only in calls of densities
// at: 5:13
// stage: parse
