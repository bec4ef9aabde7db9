functions {
  void f(real x) {
    return x;
  }
}

// expect: void function 'f' cannot return a value
// at: 3:5
// stage: parse
