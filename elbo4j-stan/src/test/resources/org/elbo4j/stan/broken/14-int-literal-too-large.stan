transformed data {
  int n = 3000000000;
}

// expect: too large
// at: 2:11
// stage: parse
