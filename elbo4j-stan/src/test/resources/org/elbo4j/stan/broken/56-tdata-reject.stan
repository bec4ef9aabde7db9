transformed data {
  reject("bad data");
}

// expect: transformed data: 
// stage: data
