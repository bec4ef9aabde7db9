functions {
  real f(real x);
}

// expect: declared but never defined
// at: 2:3
// stage: parse
