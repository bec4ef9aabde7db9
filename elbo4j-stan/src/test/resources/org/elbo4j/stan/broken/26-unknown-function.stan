parameters {
  real mu;
}
model {
  target += foo(mu);
}

// expect: unknown function 'foo'
// at: 5:13
// stage: parse
