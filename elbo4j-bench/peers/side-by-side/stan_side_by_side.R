#!/usr/bin/Rscript
# Stan beside elbo4j on one posteriordb posterior: rstan 2.21's ADVI at its defaults (meanfield) and NUTS
# (rstan::sampling, 4 chains x 1000 warmup + 1000 draws), each against the posterior's reference.json.
# Peer tooling, not product; run_side_by_side.sh runs it over the 31 posteriors with a reference, one R process
# each (a crash in one model's C++ cannot take the others down; a rerun skips what is done).
#
# Usage: Rscript stan_side_by_side.R --posterior NAME --out DIR [--corpus DIR] [--work DIR] [--seed 1]
#            [--models DIR] [--stage advi|nuts|both]
#
# --stage: run only ADVI or only NUTS (default both); NUTS alone keeps the "advi" entry of an existing OUT/NAME.json,
# so that ADVI can run on every posterior first and NUTS (minutes each on a loaded machine) after.
# --models DIR: take the compiled model from DIR/model-<md5 of the rewritten program>.rds when it is there (the
# cache of ../stan-reference/make_reference.R, built with ../stan/Makevars: -O3 -g0) instead of compiling; the
# output then says so ("compile": {"from": DIR, ...}) and has no compile time. For a loaded machine, where one
# compile at R's default flags takes 10+ minutes.
#
# Compile flags: rstan's defaults as a user gets them: this script does NOT set R_MAKEVARS_USER, so with no
# ~/.R/Makevars R CMD SHLIB uses R's Makeconf (on Debian's R 4.2.2: CXX14FLAGS = -g -O2 ...); the flags are
# recorded in the output (cxxflags). DIR/NAME/model.stan is rewritten to Stan 2.21 syntax by
# ../stan-reference/rewrite_stan221.py into WORK, compiled with rstan::stan_model (timed, wall and CPU of this
# process and its children, i.e. the compiler), cached in WORK by the md5 of the rewritten source and the flags
# (a posterior whose program was compiled before reports that compile's time, "compile_cached": true).
#
# ADVI: vb(model, data, algorithm = "meanfield", seed) with every other setting at rstan's default (iter 10000,
# tol_rel_obj 0.01, eta adapted, grad_samples 1, elbo_samples 100, output_samples 1000).
# NUTS: sampling(model, data, chains = 4, iter = 2000, warmup = 1000, seed, cores = 1) (chains one after the
# other: a 2-core machine shared with others), with Stan's own per-chain warmup + sampling seconds as well.
# For each: per reference parameter z = |mean - ref mean| / ref sd and ratio = sd / ref sd; worst z, the sd-ratio
# range; wall and CPU seconds (user + system of this process); the load average at its start.
# NUTS also: max Rhat, min n_eff (rstan's summary), divergent transitions.
# Writes OUT/NAME.json; on failure of a stage the stage's "error" is recorded and the others still run.

args <- commandArgs(trailingOnly = TRUE)
arg_value <- function(name, default = NULL) {
  i <- which(args == name)
  if (length(i) == 0) return(default)
  args[i[1] + 1]
}
name <- arg_value("--posterior")
corpus <- arg_value("--corpus", "/work/shared/data/posteriordb-all")
out_dir <- arg_value("--out")
work_dir <- arg_value("--work", "/tmp/elbo4j-side-by-side")
seed <- as.integer(arg_value("--seed", "1"))
models_dir <- arg_value("--models")
stage <- arg_value("--stage", "both")
if (!stage %in% c("advi", "nuts", "both")) stop("--stage must be advi, nuts or both, got ", stage)
if (is.null(name) || is.null(out_dir)) stop("usage: stan_side_by_side.R --posterior NAME --out DIR [--corpus DIR]")
here <- local({
  a <- commandArgs(trailingOnly = FALSE)
  dirname(normalizePath(sub("^--file=", "", a[grepl("^--file=", a)])))
})
suppressPackageStartupMessages({
  library(rstan)
  library(jsonlite)
})
rstan_options(auto_write = FALSE)
rstan_options(boost_lib = "/usr/include")   # Debian's Boost headers (as in ../stan_common.R)
dir.create(work_dir, showWarnings = FALSE, recursive = TRUE)
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
loadavg <- function() as.numeric(strsplit(readLines("/proc/loadavg"), " ")[[1]][1])
cpu_now <- function() { t <- proc.time(); sum(t[c("user.self", "sys.self", "user.child", "sys.child")], na.rm = TRUE) }

user_makevars <- Sys.getenv("R_MAKEVARS_USER")
if (user_makevars == "") user_makevars <- path.expand("~/.R/Makevars")
flags <- if (file.exists(user_makevars)) {
  l <- grep("^CXX14FLAGS", readLines(user_makevars), value = TRUE); paste("Makevars:", l[1])
} else {
  l <- grep("^CXX14FLAGS", readLines(file.path(R.home("etc"), "Makeconf")), value = TRUE)
  paste("R Makeconf (no ~/.R/Makevars):", sub("^CXX14FLAGS *= *", "", l[1]))
}
res <- list(posterior = name, rstan = as.character(packageVersion("rstan")), cxxflags = flags, seed = seed)
write_out <- function() {
  writeLines(toJSON(res, auto_unbox = TRUE, digits = NA, pretty = TRUE, null = "null", na = "null"),
             file.path(out_dir, paste0(name, ".json")))
}

# --- rewrite and compile ---
src <- file.path(corpus, name, "model.stan")
rewritten <- file.path(work_dir, paste0(name, ".stan"))
status <- system2("python3", c(file.path(here, "..", "stan-reference", "rewrite_stan221.py"), shQuote(src),
                               shQuote(rewritten)), stderr = TRUE, stdout = TRUE)
if (!is.null(attr(status, "status")) && attr(status, "status") != 0) {
  res$error <- paste("rewrite:", paste(status, collapse = " ")); write_out(); quit(status = 3)
}
key <- unname(tools::md5sum(rewritten))
rds <- file.path(work_dir, paste0("model-", substr(digest <- key, 1, 12), "-", nchar(flags), ".rds"))
premade <- if (is.null(models_dir)) "" else file.path(models_dir, paste0("model-", key, ".rds"))
if (nzchar(premade) && file.exists(premade)) {
  model <- readRDS(premade)
  flags_file <- sub("\\.rds$", ".flags", premade)
  res$cxxflags <- if (file.exists(flags_file)) readLines(flags_file)[1] else
    "-O3 -g0 -Wno-ignored-attributes -Wno-deprecated-declarations (peers/stan/Makevars, make_reference.R's cache)"
  res$compile <- list(from = premade, cached = TRUE)
} else if (file.exists(rds)) {
  cached <- readRDS(rds)
  model <- cached$model
  res$compile <- c(cached$compile, list(cached = TRUE))
} else {
  load0 <- loadavg(); c0 <- cpu_now(); t0 <- proc.time()[["elapsed"]]
  model <- tryCatch(suppressMessages(stan_model(file = rewritten, model_name = gsub("[^A-Za-z0-9_]", "_", name))),
                    error = function(e) { res$error <<- paste("compile:", substr(conditionMessage(e), 1, 400)); NULL })
  if (is.null(model)) { write_out(); quit(status = 3) }
  comp <- list(wall_s = round(proc.time()[["elapsed"]] - t0, 2), cpu_s = round(cpu_now() - c0, 2), load = load0)
  saveRDS(list(model = model, compile = comp), rds)
  res$compile <- c(comp, list(cached = FALSE))
}

# --- data: Stan JSON to R, exactly (row-major nested arrays to R's column-major arrays; as make_reference.R) ---
to_number <- function(x) {
  if (is.character(x)) return(switch(tolower(x), "inf" = Inf, "+inf" = Inf, "-inf" = -Inf, "nan" = NaN, NA))
  x
}
to_r <- function(v) {
  if (!is.list(v)) return(to_number(v))
  if (length(v) == 0) return(numeric(0))
  dims <- integer(0); flat <- list()
  walk <- function(x, depth) {
    if (is.list(x)) {
      if (length(dims) < depth) dims[depth] <<- length(x)
      for (e in x) walk(e, depth + 1)
    } else flat[[length(flat) + 1]] <<- to_number(x)
  }
  walk(v, 1)
  vals <- unlist(flat)
  if (all(sapply(flat, is.integer))) vals <- as.integer(vals)
  if (length(dims) == 1) return(vals)
  aperm(array(vals, dim = rev(dims)), rev(seq_along(dims)))
}
data <- lapply(fromJSON(file.path(corpus, name, "data.json"), simplifyVector = FALSE), to_r)
ref <- fromJSON(file.path(corpus, name, "reference.json"), simplifyVector = FALSE)

compare <- function(draws) {
  zs <- c(); ratios <- c(); missing <- c()
  for (p in names(ref$parameters)) {
    r <- ref$parameters[[p]]
    if (!p %in% colnames(draws)) { missing <- c(missing, p); next }
    col <- draws[, p]
    zs[p] <- abs(mean(col) - r$mean) / r$sd
    ratios[p] <- sd(col) / r$sd
  }
  list(worst_z = round(max(zs), 4), worst_z_param = names(zs)[which.max(zs)],
       min_sd_ratio = round(min(ratios), 4), max_sd_ratio = round(max(ratios), 4),
       n_params = length(zs), missing_params = missing)
}
timed <- function(expr) {
  load0 <- loadavg(); c0 <- cpu_now(); t0 <- proc.time()[["elapsed"]]
  warnings <- character(0)
  tf <- tempfile(); con <- file(tf, open = "w"); sink(con, type = "output")
  value <- tryCatch(withCallingHandlers(expr, warning = function(w) {
    warnings <<- c(warnings, conditionMessage(w)); invokeRestart("muffleWarning") }),
    error = function(e) structure(list(msg = conditionMessage(e)), class = "failed"),
    finally = { sink(type = "output"); close(con) })
  out <- readLines(tf); unlink(tf)
  list(value = value, out = out, warnings = unique(warnings),
       wall_s = round(proc.time()[["elapsed"]] - t0, 3), cpu_s = round(cpu_now() - c0, 3), load = load0)
}

# --- ADVI at rstan's defaults ---
out_file <- file.path(out_dir, paste0(name, ".json"))
if (stage == "nuts" && file.exists(out_file)) {
  res$advi <- fromJSON(out_file, simplifyVector = FALSE)$advi
} else if (stage != "nuts") {
a <- timed(vb(model, data = data, algorithm = "meanfield", seed = seed))
advi <- list(wall_s = a$wall_s, cpu_s = a$cpu_s, load = a$load, warnings = head(a$warnings, 5))
if (inherits(a$value, "failed") || !is(a$value, "stanfit") || length(a$value@sim) == 0) {
  advi$error <- if (inherits(a$value, "failed")) a$value$msg else paste(c(a$warnings, tail(a$out, 3)), collapse = " | ")
} else {
  advi <- c(advi, compare(as.matrix(a$value)))
  pk <- a$value@sim$diagnostics$psis$pareto_k
  advi$pareto_k <- if (is.null(pk)) NA else round(pk, 3)
  advi$converged <- any(grepl("ELBO CONVERGED", a$out))
}
res$advi <- advi
message(sprintf("%s advi: %s", name, if (is.null(advi$error)) sprintf("worst z %.3f, sd [%.2f, %.2f], %.1f s",
        advi$worst_z, advi$min_sd_ratio, advi$max_sd_ratio, advi$wall_s) else advi$error))
}
write_out()
if (stage == "advi") quit(status = 0)

# --- NUTS: 4 chains x (1000 + 1000) ---
n <- timed(sampling(model, data = data, chains = 4, iter = 2000, warmup = 1000, seed = seed, cores = 1,
                    refresh = 0))
nuts <- list(wall_s = n$wall_s, cpu_s = n$cpu_s, load = n$load, warnings = head(n$warnings, 5))
if (inherits(n$value, "failed") || !is(n$value, "stanfit") || length(n$value@sim) == 0) {
  nuts$error <- if (inherits(n$value, "failed")) n$value$msg else paste(c(n$warnings, tail(n$out, 3)), collapse = " | ")
} else {
  fit <- n$value
  nuts <- c(nuts, compare(as.matrix(fit)))
  el <- get_elapsed_time(fit)
  nuts$stan_warmup_s <- round(sum(el[, "warmup"]), 3)
  nuts$stan_sample_s <- round(sum(el[, "sample"]), 3)
  s <- summary(fit)$summary
  s <- s[rownames(s) != "lp__", , drop = FALSE]
  nuts$max_rhat <- round(max(s[, "Rhat"], na.rm = TRUE), 4)
  nuts$min_n_eff <- round(min(s[, "n_eff"], na.rm = TRUE), 1)
  nuts$divergent <- sum(sapply(get_sampler_params(fit, inc_warmup = FALSE), function(x) sum(x[, "divergent__"])))
}
res$nuts <- nuts
message(sprintf("%s nuts: %s", name, if (is.null(nuts$error)) sprintf("worst z %.3f, sd [%.2f, %.2f], %.1f s, Rhat %.3f",
        nuts$worst_z, nuts$min_sd_ratio, nuts$max_sd_ratio, nuts$wall_s, nuts$max_rhat) else nuts$error))
write_out()
