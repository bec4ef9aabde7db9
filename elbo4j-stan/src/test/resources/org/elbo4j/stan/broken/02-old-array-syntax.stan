data {
  int N;
  real y[N];
}

// expect: write 'array[N] real y;'
// at: 3:9
// stage: parse
