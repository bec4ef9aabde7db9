data {
  int J;
  array[J] real<lower=0> sigma;
}

// expect: data 'sigma': declared <lower=0>, found -1 at index 3
// stage: data
