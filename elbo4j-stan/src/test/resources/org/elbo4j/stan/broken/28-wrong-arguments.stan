parameters {
  real mu;
}
model {
  target += normal_lpdf(mu | 0);
}

// expect: no overload of 'normal_lpdf' takes (real, int)
// at: 5:13
// stage: parse
