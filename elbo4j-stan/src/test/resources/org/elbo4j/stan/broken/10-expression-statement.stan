transformed data {
  real x = 1;
  x + 1;
}

// expect: an expression on its own is not a statement
// at: 3:8
// stage: parse
