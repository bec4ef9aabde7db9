#!/usr/bin/Rscript
# Reference values of Stan's log density on the unconstrained scale, for the tests of elbo4j's posteriordb ports.
#
# Usage (from elbo4j-bench/peers, after bash install.sh):
#   Rscript stan_log_density.R --out ../../elbo4j-cli/src/test/resources/org/elbo4j/cli/models/stan_log_density.json \
#       [--posteriordb /work/shared/data/posteriordb] [--points 4] [--seed 7] [--cache-dir /tmp/elbo4j-stan-cache]
#
# For each posterior NAME in POSTERIORDB/index.json: compiles posteriordb/NAME.stan (the Stan 2.21 port of
# POSTERIORDB/NAME/model.stan; cached as stan_advi_accuracy.R does), and evaluates
# rstan::log_prob(fit, upars, adjust_transform = TRUE) — log p(data, T(u)) + log|J_T(u)| up to a constant — at
# --points points u ~ uniform(-2, 2)^D (Stan's initialisation box) and at u = 0. Stan's unconstrained vector holds
# the parameters in declaration order, each with Stan's own transform (log for lower = 0, logit for (0, 1),
# (ub - lb) logit^-1 for dependent bounds, the ordered transform, ...). Differences of these values are
# constant-free, so the Java test compares lp(u_i) - lp(u_0).
source(local({
  a <- commandArgs(trailingOnly = FALSE); f <- sub("^--file=", "", a[grepl("^--file=", a)])
  file.path(dirname(normalizePath(f)), "stan_common.R")
}))

args <- commandArgs(trailingOnly = TRUE)
out_file <- arg_value(args, "--out")
if (is.null(out_file)) stop("usage: stan_log_density.R --out FILE.json")
pdb <- arg_value(args, "--posteriordb", "/work/shared/data/posteriordb")
points <- as.integer(arg_value(args, "--points", "4"))
seed <- as.integer(arg_value(args, "--seed", "7"))
cache_dir <- arg_value(args, "--cache-dir")

compile_cached <- function(file) {
  if (is.null(cache_dir)) return(compile_stan(file)$model)
  dir.create(cache_dir, showWarnings = FALSE, recursive = TRUE)
  key <- unname(tools::md5sum(file))
  rds <- file.path(cache_dir, paste0(sub("\\.stan$", "", basename(file)), "-", key, ".rds"))
  if (file.exists(rds)) return(readRDS(rds)$model)
  c <- compile_stan(file)
  saveRDS(list(model = c$model, seconds = c$seconds), rds)
  c$model
}

set.seed(seed)
index <- fromJSON(file.path(pdb, "index.json"), simplifyVector = FALSE)
res <- list()
for (p in index) {
  name <- p$posterior
  message("== ", name)
  model <- compile_cached(file.path(peers_dir, "posteriordb", paste0(name, ".stan")))
  data <- read_stan_json(file.path(pdb, name, "data.json"))
  fit <- run_captured(sampling(model, data = data, chains = 1, iter = 1, warmup = 0, refresh = 0,
                               algorithm = "Fixed_param", seed = seed))$value
  d <- get_num_upars(fit)
  u <- rbind(rep(0, d), matrix(runif(points * d, -2, 2), nrow = points))
  lp <- apply(u, 1, function(x) log_prob(fit, x, adjust_transform = TRUE, gradient = FALSE))
  res[[name]] <- list(dim = d, upars = u, lp = lp)
}
out <- list(generator = paste("Rscript stan_log_density.R", paste(args, collapse = " ")),
            rstan = as.character(packageVersion("rstan")), seed = seed, posteriors = res)
writeLines(toJSON(out, digits = NA, pretty = TRUE, auto_unbox = TRUE, matrix = "rowmajor"), out_file)
message("wrote ", out_file)
