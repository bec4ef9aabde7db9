parameters {
  real<lower=0, offset=1> x;
}

// expect: both bounds and offset
// at: 2:3
// stage: parse
