#!/usr/bin/Rscript
# Accuracy of Stan's ADVI (rstan::vb, Stan 2.21, -O3) against posteriordb reference posteriors.
#
# Usage: Rscript stan_advi_accuracy.R [--algorithm meanfield|fullrank] --out FILE.json
#        [--posteriordb /work/shared/data/posteriordb] [--seed 1] [--only NAME,NAME] [--cache-dir DIR]
#
# For each posterior NAME in POSTERIORDB/index.json: compiles posteriordb/NAME.stan (the old-syntax port of
# POSTERIORDB/NAME/model.stan), runs rstan::vb(data, algorithm, seed) with Stan's DEFAULT settings otherwise
# (iter 10000, tol_rel_obj 0.01, eta adapted, grad_samples 1, elbo_samples 100, eval_elbo 100,
# output_samples 1000), and compares the 1000 draws with POSTERIORDB/NAME/reference.json per parameter:
#   z     = |mean_vb - mean_ref| / sd_ref      (error of the mean in posterior sds)
#   ratio = sd_vb / sd_ref
# and records per posterior the worst z, the smallest and largest ratio, the vb wall time, the compile time,
# the Pareto k-hat rstan computes from the draws' log importance ratios (fit@sim$diagnostics$psis$pareto_k;
# rstan warns when > 0.7), whether the ELBO converged and after how many iterations, the eta picked.
# --cache-dir keeps compiled models (saveRDS) keyed by the model code's md5, so a second run (the other
# algorithm) does not compile again; compile_s is then the time of the original compile.
source(local({
  a <- commandArgs(trailingOnly = FALSE); f <- sub("^--file=", "", a[grepl("^--file=", a)])
  file.path(dirname(normalizePath(f)), "stan_common.R")
}))

args <- commandArgs(trailingOnly = TRUE)
algorithm <- arg_value(args, "--algorithm", "meanfield")
if (!algorithm %in% c("meanfield", "fullrank")) stop("--algorithm must be meanfield or fullrank, got ", algorithm)
out_file <- arg_value(args, "--out")
if (is.null(out_file)) stop("usage: stan_advi_accuracy.R [--algorithm meanfield|fullrank] --out FILE.json")
pdb <- arg_value(args, "--posteriordb", "/work/shared/data/posteriordb")
seed <- as.integer(arg_value(args, "--seed", "1"))
only <- arg_value(args, "--only")
cache_dir <- arg_value(args, "--cache-dir")
if (!is.null(cache_dir)) dir.create(cache_dir, showWarnings = FALSE, recursive = TRUE)

index <- fromJSON(file.path(pdb, "index.json"), simplifyVector = FALSE)
names_all <- vapply(index, function(p) p$posterior, "")
todo <- if (is.null(only)) names_all else strsplit(only, ",")[[1]]
unknown <- setdiff(todo, names_all)
if (length(unknown) > 0) stop("--only names unknown posteriors: ", paste(unknown, collapse = ", "))

compile_cached <- function(file) {
  if (is.null(cache_dir)) return(compile_stan(file))
  key <- unname(tools::md5sum(file))
  rds <- file.path(cache_dir, paste0(sub("\\.stan$", "", basename(file)), "-", key, ".rds"))
  if (file.exists(rds)) {
    cached <- readRDS(rds)
    return(list(model = cached$model, seconds = cached$seconds, cached = TRUE))
  }
  c <- compile_stan(file)
  saveRDS(list(model = c$model, seconds = c$seconds), rds)
  c$cached <- FALSE
  c
}

# Column names of as.matrix(stanfit) are "theta[1]", "b[2]", ... as in reference.json.
one_posterior <- function(name) {
  message("== ", name)
  stan_file <- file.path(peers_dir, "posteriordb", paste0(name, ".stan"))
  ref <- fromJSON(file.path(pdb, name, "reference.json"), simplifyVector = FALSE)
  data <- read_stan_json(file.path(pdb, name, "data.json"))
  compiled <- compile_cached(stan_file)
  message(sprintf("compile %.1f s%s", compiled$seconds, if (isTRUE(compiled$cached)) " (cached)" else ""))
  t0 <- proc.time()[["elapsed"]]
  run <- tryCatch(run_captured(vb(compiled$model, data = data, algorithm = algorithm, seed = seed)),
                  error = function(e) list(error = conditionMessage(e)))
  vb_seconds <- proc.time()[["elapsed"]] - t0
  res <- list(posterior = name, algorithm = algorithm, seed = seed,
              compile_s = round(compiled$seconds, 2), vb_seconds = round(vb_seconds, 3))
  if (!is.null(run$error) || is.null(run$value) || length(run$value@sim) == 0) {
    res$error <- if (!is.null(run$error)) run$error else paste(c(run$warnings, tail(run$output, 5)), collapse = " | ")
    message("FAILED: ", res$error)
    return(res)
  }
  fit <- run$value
  out <- run$output
  iter_lines <- regmatches(out, regexpr("^Chain 1:\\s+[0-9]+\\s+-?[0-9.eE+-]+\\s+", out))
  iters <- as.integer(sub("^Chain 1:\\s+([0-9]+).*", "\\1", iter_lines))
  eta_line <- grep("Found best value \\[eta = ", out, value = TRUE)
  res$eta <- if (length(eta_line) > 0) as.numeric(sub(".*\\[eta = ([0-9.eE+-]+)\\].*", "\\1", eta_line[1])) else NA
  res$iterations <- if (length(iters) > 0) max(iters) else NA
  res$converged <- if (any(grepl("MEAN ELBO CONVERGED", out))) "mean" else
                   if (any(grepl("MEDIAN ELBO CONVERGED", out))) "median" else "no (max iterations)"
  res$max_iterations_reached <- any(grepl("maximum number of iterations is reached", out))
  elbo_rows <- grep("^Chain 1:\\s+[0-9]+\\s+-?[0-9.eE+-]+\\s+", out, value = TRUE)
  res$final_elbo <- if (length(elbo_rows) > 0)
    as.numeric(strsplit(trimws(sub("^Chain 1:", "", tail(elbo_rows, 1))), "\\s+")[[1]][2]) else NA
  res$messages <- unique(sub("^Chain 1: ", "", grep("Informational Message|MAY BE DIVERGING", out, value = TRUE)))
  pk <- fit@sim$diagnostics$psis$pareto_k
  res$pareto_k <- if (is.null(pk)) NA else round(pk, 3)
  res$warnings <- run$warnings

  draws <- as.matrix(fit)
  params <- list()
  for (p in names(ref$parameters)) {
    r <- ref$parameters[[p]]
    if (!p %in% colnames(draws)) {
      params[[p]] <- list(missing = TRUE)
      next
    }
    col <- draws[, p]
    params[[p]] <- list(ref_mean = r$mean, ref_sd = r$sd, vb_mean = mean(col), vb_sd = sd(col),
                        z = abs(mean(col) - r$mean) / r$sd, sd_ratio = sd(col) / r$sd)
  }
  ok <- Filter(function(x) is.null(x$missing), params)
  zs <- vapply(ok, function(x) x$z, 0)
  ratios <- vapply(ok, function(x) x$sd_ratio, 0)
  res$n_params <- length(ok)
  res$missing_params <- names(Filter(function(x) !is.null(x$missing), params))
  res$worst_z <- round(max(zs), 4)
  res$worst_z_param <- names(zs)[which.max(zs)]
  res$min_sd_ratio <- round(min(ratios), 4)
  res$min_sd_ratio_param <- names(ratios)[which.min(ratios)]
  res$max_sd_ratio <- round(max(ratios), 4)
  res$max_sd_ratio_param <- names(ratios)[which.max(ratios)]
  res$params <- params
  message(sprintf("vb %.2f s, iter %s, %s, eta %s, k-hat %s, worst z %.3f (%s), sd ratio [%.3f, %.3f]",
                  vb_seconds, res$iterations, res$converged, res$eta, res$pareto_k,
                  res$worst_z, res$worst_z_param, res$min_sd_ratio, res$max_sd_ratio))
  res
}

started <- Sys.time()
results <- lapply(todo, one_posterior)
out <- list(
  peer = "stan-advi",
  rstan = as.character(packageVersion("rstan")),
  stan_headers = as.character(packageVersion("StanHeaders")),
  cxxflags = "-O3 (stan/Makevars)",
  algorithm = algorithm,
  settings = "rstan::vb defaults (iter 10000, tol_rel_obj 0.01, adapt_engaged TRUE, adapt_iter 50, eval_elbo 100, grad_samples 1, elbo_samples 100, output_samples 1000)",
  seed = seed,
  cpu = cpu_model(),
  date = format(started, "%Y-%m-%dT%H:%M:%S%z"),
  command = paste("Rscript stan_advi_accuracy.R", paste(args, collapse = " ")),
  posteriors = results)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE, null = "null", na = "null"), out_file)
message("wrote ", out_file)
