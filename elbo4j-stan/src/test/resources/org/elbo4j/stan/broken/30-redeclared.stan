data {
  int N;
  real N;
}

// expect: 'N' is already declared (at line 2)
// at: 3:8
// stage: parse
