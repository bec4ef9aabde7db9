data {
  int<lower=0> J;
  array[J] real y;
}

// expect: data 'y': declared array[J] real with J = 8, found 7 values
// stage: data
