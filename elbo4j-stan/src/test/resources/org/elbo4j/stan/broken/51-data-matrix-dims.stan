data {
  matrix[2, 3] X;
}

// expect: data 'X': declared matrix[2, 3], found dimensions [3, 2], expected [2, 3]
// stage: data
