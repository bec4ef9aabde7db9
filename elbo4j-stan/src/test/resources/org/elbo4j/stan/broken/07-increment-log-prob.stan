parameters { real mu; }
model {
  increment_log_prob(-mu^2);
}

// expect: increment_log_prob
// at: 3:3
// stage: parse
