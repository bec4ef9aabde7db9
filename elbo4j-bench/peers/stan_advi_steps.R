#!/usr/bin/Rscript
# Per-step cost of Stan's ADVI (rstan::vb, Stan 2.21, C++ compiled with -O3 via stan/Makevars).
#
# Usage: Rscript stan_advi_steps.R MODEL.stan DATA.json [--steps 1000,10000,100000] [--reps 3]
#        [--seed 1] [--algorithm meanfield]
#
# Compiles MODEL once (reports compile_s), then times rstan::vb(algorithm, adapt_engaged = FALSE, eta = 0.1,
# iter = N, tol_rel_obj = 1e-12 (never converges early), grad_samples = 1, eval_elbo = 100,
# elbo_samples = 100, output_samples = 1000, seed) for each N, --reps times each (wall clock, whole call).
# The marginal cost per step is (min T(N_max) - min T(N_min)) / (N_max - N_min), in wall-clock time
# (marginal_us_per_step) and in the process's CPU time, user + system (marginal_cpu_us_per_step: Stan's vb
# is single-threaded, so on a quiet machine the two agree, and on a shared one the CPU time is the one
# that other processes do not inflate). The fixed costs of a vb
# call (setup, drawing and writing 1000 output draws, reading them back, PSIS) cancel. It includes the
# ELBO evaluation Stan does every eval_elbo steps with elbo_samples draws (so about elbo_samples/eval_elbo
# = 1 extra log-density evaluation per step): a Java side that wants the same work per step must do the same.
# Prints one JSON object on stdout; Stan's own console output goes to stderr.
source(local({
  a <- commandArgs(trailingOnly = FALSE); f <- sub("^--file=", "", a[grepl("^--file=", a)])
  file.path(dirname(normalizePath(f)), "stan_common.R")
}))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2) stop("usage: stan_advi_steps.R MODEL.stan DATA.json [--steps 1000,100000] [--reps 3] [--seed 1]")
model_file <- args[1]
data_file <- args[2]
steps <- as.integer(strsplit(arg_value(args, "--steps", "1000,10000,100000"), ",")[[1]])
if (any(is.na(steps)) || any(steps < 1) || length(steps) < 2)
  stop("--steps must list at least two positive integers, got ", arg_value(args, "--steps"))
steps <- sort(steps)
reps <- as.integer(arg_value(args, "--reps", "3"))
seed <- as.integer(arg_value(args, "--seed", "1"))
algorithm <- arg_value(args, "--algorithm", "meanfield")

settings <- list(algorithm = algorithm, adapt_engaged = FALSE, eta = 0.1, tol_rel_obj = 1e-12,
                 grad_samples = 1L, eval_elbo = 100L, elbo_samples = 100L, output_samples = 1000L, seed = seed)

data <- read_stan_json(data_file)
compiled <- compile_stan(model_file)
message(sprintf("compiled %s in %.1f s", model_file, compiled$seconds))

run_vb <- function(n) {
  r <- run_captured(vb(compiled$model, data = data, algorithm = algorithm, adapt_engaged = FALSE,
                       eta = settings$eta, iter = n, tol_rel_obj = settings$tol_rel_obj,
                       grad_samples = settings$grad_samples, eval_elbo = settings$eval_elbo,
                       elbo_samples = settings$elbo_samples, output_samples = settings$output_samples,
                       seed = seed))
  r
}

load_before <- loadavg()
# One untimed warm-up call (loads the DSO, touches the code paths).
invisible(run_vb(steps[1]))

cpu_now <- function() { p <- proc.time(); p[["user.self"]] + p[["sys.self"]] }
seconds <- list()
cpu_seconds <- list()
converged_early <- FALSE
for (n in steps) {
  ts <- numeric(0)
  cs <- numeric(0)
  for (r in seq_len(reps)) {
    c0 <- cpu_now()
    t0 <- proc.time()[["elapsed"]]
    res <- run_vb(n)
    ts <- c(ts, proc.time()[["elapsed"]] - t0)
    cs <- c(cs, cpu_now() - c0)
    writeLines(res$output, con = stderr())
    if (any(grepl("ELBO CONVERGED", res$output))) converged_early <- TRUE
  }
  seconds[[as.character(n)]] <- ts
  cpu_seconds[[as.character(n)]] <- cs
  message(sprintf("iter=%d: wall %s s, cpu %s s", n, paste(sprintf("%.3f", ts), collapse = " "),
                  paste(sprintf("%.3f", cs), collapse = " ")))
}
if (converged_early) message("WARNING: vb reported convergence before the last iteration")

n_lo <- steps[1]; n_hi <- steps[length(steps)]
t_lo <- min(seconds[[as.character(n_lo)]]); t_hi <- min(seconds[[as.character(n_hi)]])
marginal_us <- (t_hi - t_lo) / (n_hi - n_lo) * 1e6
marginal_cpu_us <- (min(cpu_seconds[[as.character(n_hi)]]) - min(cpu_seconds[[as.character(n_lo)]])) /
  (n_hi - n_lo) * 1e6

out <- list(
  peer = "stan-advi",
  model = sub("\\.stan$", "", basename(model_file)),
  data = basename(data_file),
  rstan = as.character(packageVersion("rstan")),
  stan_headers = as.character(packageVersion("StanHeaders")),
  cxxflags = "-O3 (stan/Makevars)",
  cpu = cpu_model(),
  loadavg_before = load_before,
  loadavg_after = loadavg(),
  date = format(Sys.time(), "%Y-%m-%dT%H:%M:%S%z"),
  compile_s = round(compiled$seconds, 2),
  steps = steps,
  reps = reps,
  seconds = lapply(seconds, function(s) round(s, 4)),
  seconds_min = sapply(steps, function(n) round(min(seconds[[as.character(n)]]), 4)),
  cpu_seconds = lapply(cpu_seconds, function(s) round(s, 4)),
  marginal_us_per_step = round(marginal_us, 3),
  marginal_cpu_us_per_step = round(marginal_cpu_us, 3),
  marginal_from = c(n_lo, n_hi),
  converged_early = converged_early,
  settings = settings)
cat(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "\n")
