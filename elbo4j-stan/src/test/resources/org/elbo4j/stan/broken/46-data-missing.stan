data {
  int J;
  array[J] real<lower=0> sigma;
}

// expect: data 'sigma': missing from the data (declared array[J] real<lower=0> with J = 2
// stage: data
