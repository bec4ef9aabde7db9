transformed data {
  for (i in 1:3) {
    i = 2;
  }
}

// expect: cannot assign to loop variable 'i'
// at: 3:5
// stage: parse
