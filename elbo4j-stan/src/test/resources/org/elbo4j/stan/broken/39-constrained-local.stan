model {
  real<lower=0> s = 1;
}

// expect: cannot have a constraint
// at: 2:3
// stage: parse
