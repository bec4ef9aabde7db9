functions {
  real foo_lpmf(real y, real mu) { return 0; }
}

// expect: first argument of a _lpmf function must be int-valued
// at: 2:17
// stage: parse
