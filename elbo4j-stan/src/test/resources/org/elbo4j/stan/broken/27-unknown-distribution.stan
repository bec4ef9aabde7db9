parameters {
  real mu;
}
model {
  mu ~ nromal(0, 1);
}

// expect: unknown distribution 'nromal'
// at: 5:8
// stage: parse
