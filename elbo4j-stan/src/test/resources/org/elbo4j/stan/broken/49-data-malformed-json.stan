data {
  int N;
}

// expect: 49-data-malformed-json.json:2:12: variable 'y': expected ',' or ']' in the array, found '}'
// stage: data
