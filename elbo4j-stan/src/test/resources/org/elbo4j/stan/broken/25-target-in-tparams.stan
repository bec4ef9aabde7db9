parameters {
  real mu;
}
transformed parameters {
  target += mu;
}

// expect: only allowed in the model block
// at: 5:3
// stage: parse
