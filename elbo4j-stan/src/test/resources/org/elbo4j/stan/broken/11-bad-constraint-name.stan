data {
  real<low=0> s;
}

// expect: expected 'lower', 'upper', 'offset' or 'multiplier'
// at: 2:8
// stage: parse
