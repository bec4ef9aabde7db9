data {
  matrix[3] m;
}

// expect: matrix takes 2 sizes
// at: 2:3
// stage: parse
