parameters {
  vector[3] v;
}
model {
  target += v[1, 2];
}

// expect: too many indices
// at: 5:14
// stage: parse
