data {
  int N;
  N = 3;
}

// expect: only declarations are allowed
// at: 3:3
// stage: parse
