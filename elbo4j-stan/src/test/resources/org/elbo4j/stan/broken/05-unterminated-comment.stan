data {
  int N; /* never closed
}

// expect: never closed
// at: 2:10
// stage: parse
