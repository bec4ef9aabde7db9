parameters {
  real mu;

// expect: expected '}'
// stage: parse
