parameters {
  vector[2] v;
}
model {
  if (v) target += 1;
}

// expect: a condition must be an int or real, found vector
// at: 5:7
// stage: parse
