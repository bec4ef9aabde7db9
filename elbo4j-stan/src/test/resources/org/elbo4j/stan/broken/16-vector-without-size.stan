data {
  vector y;
}

// expect: expected '[' with the size of the vector
// at: 2:10
// stage: parse
