data {
  real x;
}

// expect: data 'x': declared real, found an array of 2 values, expected a single value
// stage: data
