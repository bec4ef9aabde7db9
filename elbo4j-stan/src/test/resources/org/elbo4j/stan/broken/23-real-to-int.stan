transformed data {
  int n = 2.5;
}

// expect: has type real, expected int
// at: 2:11
// stage: parse
