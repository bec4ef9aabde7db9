#!/usr/bin/Rscript
# One default ADVI fit with Stan, from source to answer: what a user of rstan waits for.
#
# Usage: Rscript stan_advi_e2e.R MODEL.stan DATA.json [--seed 1] [--algorithm meanfield]
#
# Times (wall clock) the compilation of MODEL (stan_model, C++ at -O3 via stan/Makevars, never cached: see
# stan_common.R) and one rstan::vb(algorithm, seed) call with Stan's DEFAULT settings otherwise (step-size
# adaptation, tol_rel_obj = 0.01, eval_elbo = 100, 1000 output draws), then the posterior means of the draws.
# The caller times the whole Rscript command (R start and library(rstan) included); this script prints one
# JSON object with the split: rstan_load_s, compile_s, vb_s, the iterations vb ran and the load average.
t_start <- proc.time()[["elapsed"]]
source(local({
  a <- commandArgs(trailingOnly = FALSE); f <- sub("^--file=", "", a[grepl("^--file=", a)])
  file.path(dirname(normalizePath(f)), "stan_common.R")
}))
t_loaded <- proc.time()[["elapsed"]]

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2) stop("usage: stan_advi_e2e.R MODEL.stan DATA.json [--seed 1] [--algorithm meanfield]")
seed <- as.integer(arg_value(args, "--seed", "1"))
algorithm <- arg_value(args, "--algorithm", "meanfield")
data <- read_stan_json(args[2])
compiled <- compile_stan(args[1])
t0 <- proc.time()[["elapsed"]]
r <- run_captured(vb(compiled$model, data = data, algorithm = algorithm, seed = seed))
vb_s <- proc.time()[["elapsed"]] - t0
draws <- as.matrix(r$value)
# Stan prints the iteration of its last ELBO evaluation before "MEAN ELBO CONVERGED" / "MEDIAN ELBO CONVERGED".
iters <- suppressWarnings(as.integer(sub("^\\s*([0-9]+).*", "\\1",
                                         grep("^\\s*[0-9]+\\s+-?[0-9.e+]+", r$output, value = TRUE))))
cat(toJSON(list(
  peer = "stan-advi-e2e", model = basename(args[1]), data = basename(args[2]), algorithm = algorithm,
  seed = seed, rstan_load_s = round(t_loaded - t_start, 3), compile_s = round(compiled$seconds, 3),
  vb_s = round(vb_s, 3), iterations = if (length(iters)) max(iters, na.rm = TRUE) else NA,
  converged = any(grepl("CONVERGED", r$output)),
  posterior_mean = as.list(round(colMeans(draws), 4)), loadavg = loadavg()
), auto_unbox = TRUE, digits = NA), "\n")
