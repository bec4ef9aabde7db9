data {
  array[2.5] real y;
}

// expect: an array size must be an int, found real
// at: 2:9
// stage: parse
