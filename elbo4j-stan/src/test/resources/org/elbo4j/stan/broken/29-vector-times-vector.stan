parameters {
  vector[3] a;
}
model {
  vector[3] b = a * a;
}

// expect: use .* for the elementwise product
// at: 5:19
// stage: parse
