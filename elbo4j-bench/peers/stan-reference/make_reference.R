#!/usr/bin/Rscript
# Reference log densities and gradients of one posteriordb posterior from real Stan (rstan 2.21), for the corpus
# test of elbo4j-stan. Peer tooling, not product; run_all.sh runs it over the whole corpus, one posterior per
# process (a crash in one model's C++ cannot take the others down; a rerun skips what is done).
#
# Usage: Rscript make_reference.R --posterior NAME --corpus DIR --out DIR --work DIR
#            [--points 4] [--seed 20261207] [--grad-evals 1000] [--generated-points] [--grad-subset N]
#
# DIR/NAME/model.stan (modern syntax) is rewritten to Stan 2.21 syntax by rewrite_stan221.py into WORK, compiled
# with rstan::stan_model at -O3 (../stan/Makevars; the compiled model is cached in WORK by the md5 of the rewritten
# source, since several posteriors share a program), and instantiated with DIR/NAME/data.json through
# sampling(chains = 0), which builds the stanfit without sampling. Then, with set.seed(seed):
#   - points u ~ uniform(-2, 2)^D (Stan's initialisation box), rounded to 6 decimals so that the decimal written
#     to the JSON is exactly the double Stan evaluated; a draw where log_prob or its gradient is not finite (or
#     Stan throws) is redrawn, up to 200 draws, and the number of such draws is recorded as "rejected_draws";
#   - log_prob(u, adjust_transform = TRUE) and grad_log_prob(u, adjust_transform = TRUE) at each point;
#   - grad_us: the median over 11 batches of the CPU time (user + system of this process, so that the other
#     processes of a shared machine are not charged) per evaluation of the stanfit's C++ grad_log_prob method,
#     called directly on the Rcpp module object (R's argument checking is not charged to Stan; R's call is),
#     each batch >= 20 ms and >= --grad-evals / 11 evaluations (grad_batch); r_call_us: the same for the
#     module's trivial num_pars_unconstrained method, i.e. R's share of grad_us.
# Large posteriors (the repository has a size budget): --generated-points takes each point from the minstd generator
# below instead of R's runif, so that a reader can regenerate it from its seed and the file stores "upars_seed"
# (and the first 5 values as "upars_head", a check) instead of D values; --grad-subset N stores the gradient at N
# coordinates only, the same for every point, drawn with sample.int after set.seed(seed) and listed (0-based,
# ascending) as "grad_index". The minstd point of seed s: x_0 = s, x_{k+1} = 16807 x_k mod (2^31 - 1) (exact in
# doubles), ten values discarded, then u_k = ((x mod 4000001) - 2000000) / 1e6 for k = 1..D, i.e. a 6-decimal value
# in [-2, 2] (the division is IEEE-rounded in R and Java alike). Point j (0-based) tries seeds
# seed + 1000003 * (j + r), r the number of draws rejected so far.
# On success OUT/NAME.json is written:
#   {"posterior", "stan_version", "rstan_version", "seed", "num_upars", "upar_names", "par_dims",
#    "constrained_at_point_1": {parameter: row-major values of constrain_pars at the first point}, "grad_us",
#    "grad_batch", "r_call_us",
#    "rejected_draws", "points": [{"upars", "log_prob", "grad"}]}
# On failure a line "NAME<TAB>stage<TAB>reason" is appended to OUT/failures.tsv and the exit status is 3.

args <- commandArgs(trailingOnly = TRUE)
arg_value <- function(name, default = NULL) {
  i <- which(args == name)
  if (length(i) == 0) return(default)
  args[i[1] + 1]
}
name <- arg_value("--posterior")
corpus <- arg_value("--corpus", "/work/shared/data/posteriordb-all")
out_dir <- arg_value("--out")
work_dir <- arg_value("--work", "/tmp/elbo4j-stan-reference")
n_points <- as.integer(arg_value("--points", "4"))
seed <- as.integer(arg_value("--seed", "20261207"))
grad_evals <- as.integer(arg_value("--grad-evals", "1000"))
generated_points <- "--generated-points" %in% args
with_upars <- "--with-upars" %in% args  # with --generated-points: write the upars too (to check a reader's generator)
grad_subset <- as.integer(arg_value("--grad-subset", "0"))
if (is.null(name) || is.null(out_dir)) stop("usage: make_reference.R --posterior NAME --out DIR [--corpus DIR] [--work DIR]")

here <- local({
  a <- commandArgs(trailingOnly = FALSE)
  dirname(normalizePath(sub("^--file=", "", a[grepl("^--file=", a)])))
})
if (Sys.getenv("R_MAKEVARS_USER") == "") Sys.setenv(R_MAKEVARS_USER = file.path(here, "..", "stan", "Makevars"))
suppressPackageStartupMessages({
  library(rstan)
  library(jsonlite)
})
rstan_options(auto_write = FALSE)
rstan_options(boost_lib = "/usr/include")
dir.create(work_dir, showWarnings = FALSE, recursive = TRUE)
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

fail <- function(stage, reason) {
  reason <- gsub("[\t\r\n]+", " ", reason)
  reason <- gsub(" +", " ", reason)
  if (nchar(reason) > 400) reason <- paste0(substr(reason, 1, 400), "...")
  cat(name, "\t", stage, "\t", reason, "\n", sep = "", file = file.path(out_dir, "failures.tsv"), append = TRUE)
  message("FAILED ", name, " [", stage, "]: ", reason)
  quit(status = 3)
}

# --- rewrite to 2.21 syntax ---
src <- file.path(corpus, name, "model.stan")
rewritten <- file.path(work_dir, paste0(name, ".stan"))
err_file <- tempfile()
status <- system2("python3", c(file.path(here, "rewrite_stan221.py"), shQuote(src), shQuote(rewritten)),
                  stderr = err_file)
if (status != 0) fail("rewrite", paste(readLines(err_file), collapse = " "))

# --- compile (cached by the md5 of the rewritten source) ---
key <- unname(tools::md5sum(rewritten))
# the C++ flags the model is built with (-O3 from ../stan/Makevars unless R_MAKEVARS_USER says otherwise), kept
# beside the cached model: a model cached before the flags were recorded was built with ../stan/Makevars (-O3)
makevars_flags <- function(file) {
  l <- grep("^CXX14FLAGS", readLines(file), value = TRUE)
  if (length(l) == 0) "" else trimws(sub("^CXX14FLAGS *= *", "", l[1]))
}
flags_file <- file.path(work_dir, paste0("model-", key, ".flags"))
rds <- file.path(work_dir, paste0("model-", key, ".rds"))
compile_seconds <- NA
if (file.exists(rds)) {
  model <- readRDS(rds)
  cxxflags <- if (file.exists(flags_file)) readLines(flags_file)[1] else
    makevars_flags(file.path(here, "..", "stan", "Makevars"))
} else {
  cxxflags <- makevars_flags(Sys.getenv("R_MAKEVARS_USER"))
  msgs <- character(0)
  t0 <- proc.time()[["elapsed"]]
  model <- tryCatch(
    withCallingHandlers(stan_model(file = rewritten, model_name = gsub("[^A-Za-z0-9_]", "_", name), save_dso = TRUE),
                        message = function(m) { msgs <<- c(msgs, conditionMessage(m)); invokeRestart("muffleMessage") }),
    error = function(e) {
      # stanc's message names the problem; keep its informative lines only.
      lines <- unlist(strsplit(c(msgs, conditionMessage(e)), "\n"))
      lines <- lines[grepl("ERROR|error|rror:|not found|No matches|Expression|Variable|Function|Illegal", lines)]
      fail("compile", paste(head(unique(trimws(lines)), 6), collapse = " | "))
    })
  compile_seconds <- proc.time()[["elapsed"]] - t0
  saveRDS(model, rds)
  writeLines(cxxflags, flags_file)
}

# --- data: Stan JSON to R, exactly (row-major nested arrays to R's column-major arrays) ---
to_number <- function(x) {
  if (is.character(x)) {
    v <- switch(tolower(x), "inf" = Inf, "+inf" = Inf, "infinity" = Inf, "-inf" = -Inf, "-infinity" = -Inf,
                "nan" = NaN, NULL)
    if (is.null(v)) fail("data", paste0("string value \"", x, "\" in data.json"))
    return(v)
  }
  x
}
to_r <- function(v) {
  if (!is.list(v)) return(to_number(v))
  if (length(v) == 0) return(numeric(0))
  dims <- integer(0)
  flat <- list()
  walk <- function(x, depth) {
    if (is.list(x)) {
      if (length(dims) < depth) dims[depth] <<- length(x)
      else if (dims[depth] != length(x)) fail("data", "ragged array in data.json")
      for (e in x) walk(e, depth + 1)
    } else {
      flat[[length(flat) + 1]] <<- to_number(x)
    }
  }
  walk(v, 1)
  vals <- unlist(flat)
  if (length(vals) == 0) return(array(numeric(0), dim = dims))
  if (all(sapply(flat, is.integer))) vals <- as.integer(vals)
  if (length(dims) == 1) return(vals)
  aperm(array(vals, dim = rev(dims)), rev(seq_along(dims)))
}
raw <- fromJSON(file.path(corpus, name, "data.json"), simplifyVector = FALSE)
data <- lapply(raw, to_r)

# --- the stanfit without sampling ---
fit <- tryCatch(suppressMessages(sampling(model, data = data, chains = 0, seed = seed)),
                error = function(e) fail("data", conditionMessage(e)))
if (!is(fit, "stanfit")) fail("data", "sampling(chains = 0) did not build the stanfit")
inst <- fit@.MISC$stan_fit_instance
d <- get_num_upars(fit)
upar_names <- tryCatch(inst$unconstrained_param_names(FALSE, FALSE), error = function(e) NULL)

# --- points ---
minstd_point <- function(s, n) {
  x <- s
  for (k in 1:10) x <- (16807 * x) %% 2147483647
  u <- numeric(n)
  for (k in seq_len(n)) {
    x <- (16807 * x) %% 2147483647
    u[k] <- ((x %% 4000001) - 2000000) / 1e6
  }
  u
}
set.seed(seed)
points <- list()
rejected <- 0L
while (length(points) < n_points) {
  if (rejected > 200) fail("points", sprintf("log_prob/gradient not finite at %d of %d uniform(-2, 2) draws",
                                             rejected, rejected + length(points)))
  useed <- NA
  if (generated_points) {
    useed <- seed + 1000003 * (length(points) + rejected)
    u <- minstd_point(useed, d)
  } else {
    u <- round(runif(d, -2, 2), 6)
  }
  g <- tryCatch(grad_log_prob(fit, u, adjust_transform = TRUE), error = function(e) NULL)
  lp <- if (is.null(g)) NA else attr(g, "log_prob")
  if (is.null(g) || !is.finite(lp) || !all(is.finite(g))) {
    rejected <- rejected + 1L
    next
  }
  lp2 <- log_prob(fit, u, adjust_transform = TRUE)
  if (!isTRUE(all.equal(lp, lp2, tolerance = 1e-14))) fail("points", "log_prob and grad_log_prob disagree")
  points[[length(points) + 1]] <- list(upars = u, log_prob = lp, grad = as.numeric(g), useed = useed)
}
grad_index <- if (grad_subset > 0 && grad_subset < d) { set.seed(seed); sort(sample.int(d, grad_subset)) } else NULL

# --- the constrained values of the parameters at the first point (row-major), for the transforms' layout ---
constrained <- tryCatch({
  cp <- constrain_pars(fit, points[[1]]$upars)
  pars <- if (is.null(upar_names)) character(0) else unique(sub("[.\\[].*$", "", upar_names))
  lapply(cp[intersect(pars, names(cp))], function(v) {
    if (is.null(dim(v)) || length(dim(v)) == 1) as.numeric(v) else as.numeric(aperm(v, rev(seq_along(dim(v)))))
  })
}, error = function(e) NULL)

# --- gradient time: CPU time of this process (user + system), so that other processes on a shared machine are
# not charged to Stan; the same loop over a trivial method of the same module object measures R's call overhead ---
cpu <- function(expr_fn, n) { t <- system.time(for (i in seq_len(n)) expr_fn()); t[["user.self"]] + t[["sys.self"]] }
u1 <- points[[1]]$upars
# The bound methods are looked up once: R's `$` on the module object costs microseconds per call.
grad_method <- inst$grad_log_prob
noop_method <- inst$num_pars_unconstrained
grad_once <- function() grad_method(u1, TRUE)
noop_once <- function() noop_method()
for (i in 1:50) grad_once()
batch <- 1L
repeat {
  if (cpu(grad_once, batch) >= 0.02 || batch >= 1e6) break
  batch <- batch * 4L
}
batch <- max(batch, ceiling(grad_evals / 11))
grad_us <- median(replicate(11, cpu(grad_once, batch) / batch)) * 1e6
noop_batch <- 20000L
r_call_us <- median(replicate(5, cpu(noop_once, noop_batch) / noop_batch)) * 1e6

# --- JSON, written by hand: %.17g keeps every double exactly ---
num <- function(x) {
  s <- sprintf("%.17g", x)
  s[is.nan(x)] <- "\"NaN\""
  s[x == Inf & !is.nan(x)] <- "\"inf\""
  s[x == -Inf & !is.nan(x)] <- "\"-inf\""
  s
}
arr <- function(x, f = num) paste0("[", paste(f(x), collapse = ","), "]")
str <- function(x) vapply(x, function(s) toJSON(unbox(s)), "")
dims_json <- paste0("{", paste(sprintf("%s:%s", str(names(fit@par_dims)),
                                       vapply(fit@par_dims, function(v) arr(v, function(y) sprintf("%d", as.integer(y))), "")),
                               collapse = ","), "}")
six <- function(y) sprintf("%.6f", y)
pts <- vapply(points, function(p) {
  g <- if (is.null(grad_index)) p$grad else p$grad[grad_index]
  u <- if (generated_points) paste0(sprintf("\"upars_seed\":%.0f,\"upars_head\":%s", p$useed, arr(head(p$upars, 5), six)),
                                   if (with_upars) sprintf(",\"upars_generated\":%s", arr(p$upars, six)) else "") else
    sprintf("\"upars\":%s", arr(p$upars, six))
  sprintf("{%s,\"log_prob\":%s,\"grad\":%s}", u, num(p$log_prob), arr(g))
}, "")
json <- paste0(
  "{\"posterior\":", str(name),
  ",\n\"stan_version\":", str(stan_version()),
  ",\"rstan_version\":", str(as.character(packageVersion("rstan"))),
  ",\"seed\":", seed,
  ",\"num_upars\":", d,
  ",\n\"upar_names\":", if (is.null(upar_names)) "null" else arr(upar_names, str),
  ",\n\"par_dims\":", dims_json,
  ",\n\"constrained_at_point_1\":", if (is.null(constrained)) "null" else
    paste0("{", paste(sprintf("%s:%s", str(names(constrained)), vapply(constrained, arr, "")), collapse = ","), "}"),
  ",\n\"cxxflags\":", str(cxxflags),
  ",\"grad_us\":", sprintf("%.4g", grad_us), ",\"grad_batch\":", batch, ",\"r_call_us\":", sprintf("%.3g", r_call_us),
  ",\"rejected_draws\":", rejected,
  if (generated_points) ",\"points_from\":\"minstd\"" else "",
  if (is.null(grad_index)) "" else paste0(",\n\"grad_index\":", arr(grad_index - 1L, function(y) sprintf("%d", as.integer(y)))),
  ",\n\"points\":[\n", paste(pts, collapse = ",\n"), "]}\n")
writeLines(json, file.path(out_dir, paste0(name, ".json")), sep = "")
message(sprintf("OK %s: D = %d, grad %.3g us (R call %.2g us), %d rejected draws%s", name, d, grad_us, r_call_us, rejected,
                if (is.na(compile_seconds)) ", cached model" else sprintf(", compiled in %.0f s", compile_seconds)))
