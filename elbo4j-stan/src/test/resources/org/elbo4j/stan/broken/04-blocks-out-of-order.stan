model {
}
parameters {
  real mu;
}

// expect: out of order
// at: 3:1
// stage: parse
