transformed data {
  print("hello);
}

// expect: unterminated string
// at: 2:9
// stage: parse
