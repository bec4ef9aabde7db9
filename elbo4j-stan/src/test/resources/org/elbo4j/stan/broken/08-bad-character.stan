data {
  int N @ 3;
}

// expect: unexpected character '@'
// at: 2:9
// stage: parse
