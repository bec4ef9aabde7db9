transformed data {
  real x;
  x <- 1;
}

// expect: '<-' is no longer valid
// at: 3:5
// stage: parse
