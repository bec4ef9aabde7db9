parameters {
  real mu;
}
generated quantities {
  mu ~ normal(0, 1);
}

// expect: '~' statements are only allowed in the model block
// at: 5:3
// stage: parse
