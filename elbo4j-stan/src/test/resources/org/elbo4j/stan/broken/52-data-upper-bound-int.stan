data {
  int<lower=1, upper=5> K;
}

// expect: data 'K': declared <lower=1, upper=5>, found 7
// stage: data
