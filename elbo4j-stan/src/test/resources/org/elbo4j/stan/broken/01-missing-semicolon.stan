data {
  int N
}

// expect: expected ';'
// at: 2:8
// stage: parse
