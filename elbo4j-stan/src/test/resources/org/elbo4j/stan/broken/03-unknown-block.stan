datum {
  int N;
}

// expect: expected a program block
// at: 1:1
// stage: parse
