// Every constraint of Stan's parameters block, with an empty model: log_prob(upars, adjust_transform = TRUE) is the
// sum of the transforms' log-Jacobians (and unit_vector's -0.5 r^2), with no constant dropped, and constrain_pars
// shows each transform's value and Stan's unconstrained layout. Checks org.elbo4j.stan.transforms against Stan 2.21.
data {
  int<lower=1> K;
}
parameters {
  real<lower=1.5> a;
  real<upper=-1> b;
  real<lower=-3, upper=0.25> c;
  real<offset=1, multiplier=2.5> d;
  vector<lower=-1, upper=2>[3] e;
  simplex[5] s;
  unit_vector[3] u;
  ordered[4] o;
  positive_ordered[4] po;
  cholesky_factor_corr[K] lc;
  cholesky_factor_cov[4, 3] lv;
  corr_matrix[K] cm;
  cov_matrix[3] cv;
  matrix<lower=0>[2, 3] m;
  array[2, 3] real<lower=0> ar;
  array[2] simplex[3] as;
}
model {
}
