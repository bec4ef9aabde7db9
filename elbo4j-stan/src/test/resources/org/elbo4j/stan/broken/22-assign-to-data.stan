data {
  real y;
}
model {
  y = 2;
}

// expect: cannot assign to 'y', declared in 'data'
// at: 5:3
// stage: parse
