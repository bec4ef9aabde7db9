transformed data {
  array[0] int a = {};
}

// expect: needs at least one element
// at: 2:20
// stage: parse
