# Shared helpers of the elbo4j Stan peer scripts (sourced by stan_advi_steps.R and stan_advi_accuracy.R).

peers_dir <- local({
  args <- commandArgs(trailingOnly = FALSE)
  f <- sub("^--file=", "", args[grepl("^--file=", args)])
  if (length(f) == 1) dirname(normalizePath(f)) else getwd()
})

# Stan's C++ at -O3 for this process's compiles only (R CMD SHLIB reads R_MAKEVARS_USER).
if (Sys.getenv("R_MAKEVARS_USER") == "") {
  Sys.setenv(R_MAKEVARS_USER = file.path(peers_dir, "stan", "Makevars"))
}

suppressPackageStartupMessages({
  library(rstan)
  library(jsonlite)
})
rstan_options(auto_write = FALSE)             # compile every time: we time the compile
rstan_options(boost_lib = "/usr/include")     # Debian's Boost headers (libboost-dev)
options(mc.cores = 1)

# Compiles a .stan file; returns list(model = stanmodel, seconds = wall-clock compile time).
compile_stan <- function(file) {
  if (!file.exists(file)) stop("Stan model file not found: ", file)
  t <- system.time(m <- stan_model(file = file, model_name = sub("\\.stan$", "", basename(file)),
                                   verbose = FALSE))
  list(model = m, seconds = unname(t["elapsed"]))
}

# Reads Stan JSON data into an R list (arrays of arrays become matrices).
read_stan_json <- function(file) {
  if (!file.exists(file)) stop("data file not found: ", file)
  fromJSON(file, simplifyVector = TRUE, simplifyMatrix = TRUE)
}

# Runs expr, capturing what it prints (Stan's C++ writes through Rcout, which honours sink) and its warnings.
# The output goes to a temporary file (buffered, linear cost), not capture.output's text connection,
# whose cost grows with the number of lines and would be charged to Stan's per-step time.
run_captured <- function(expr) {
  warnings <- character(0)
  tf <- tempfile(fileext = ".log")
  con <- file(tf, open = "w")
  sink(con, type = "output")
  value <- tryCatch(
    withCallingHandlers(expr, warning = function(w) {
      warnings <<- c(warnings, conditionMessage(w))
      invokeRestart("muffleWarning")
    }),
    finally = { sink(type = "output"); close(con) })
  out <- readLines(tf)
  unlink(tf)
  list(value = value, output = out, warnings = warnings)
}

cpu_model <- function() {
  l <- grep("^model name", readLines("/proc/cpuinfo"), value = TRUE)
  if (length(l) == 0) NA_character_ else trimws(sub("^model name\\s*:", "", l[1]))
}

loadavg <- function() as.numeric(strsplit(readLines("/proc/loadavg"), " ")[[1]][1:3])

arg_value <- function(args, name, default = NULL) {
  i <- which(args == name)
  if (length(i) == 0) return(default)
  if (i[1] == length(args)) stop("option ", name, " needs a value")
  args[i[1] + 1]
}
