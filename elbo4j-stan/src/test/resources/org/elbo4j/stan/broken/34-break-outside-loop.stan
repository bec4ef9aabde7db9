transformed data {
  break;
}

// expect: 'break' outside a loop
// at: 2:3
// stage: parse
