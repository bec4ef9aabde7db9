transformed data {
  real a = b;
  real b = 1;
}

// expect: 'b' is not declared
// at: 2:12
// stage: parse
