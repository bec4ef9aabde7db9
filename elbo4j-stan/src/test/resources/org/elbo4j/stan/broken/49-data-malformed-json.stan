data {
  int N;
}

// expect: JSON error
// stage: data
