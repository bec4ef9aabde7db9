parameters {
  int k;
}

// expect: cannot declare integers
// at: 2:3
// stage: parse
