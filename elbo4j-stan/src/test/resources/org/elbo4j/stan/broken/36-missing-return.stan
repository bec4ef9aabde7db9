functions {
  real f(real x) {
    if (x > 0) return x;
  }
}

// expect: must return a value of type real on every path
// at: 2:3
// stage: parse
