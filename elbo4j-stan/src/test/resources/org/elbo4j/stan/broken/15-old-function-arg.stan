functions {
  real f(real[] x) { return x[1]; }
}

// expect: old array syntax
// at: 2:10
// stage: parse
