data {
  int N;
}

// expect: data 'N': declared int, found the non-integer value 2.5
// stage: data
