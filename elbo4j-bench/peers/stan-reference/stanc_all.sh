#!/usr/bin/env bash
# Fast check, without any C++ compile: rewrites every corpus program to Stan 2.21 syntax and runs Stan 2.21's own
# parser and type checker (rstan::stanc) on it. Prints "posterior<TAB>ok" or "posterior<TAB>reason" per line.
# Usage: bash stanc_all.sh [CORPUS] > stanc.tsv
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus=${1:-/work/shared/data/posteriordb-all}
tmp=$(mktemp -d)
for d in "$corpus"/*/; do
  n=$(basename "$d")
  [ -f "$d/model.stan" ] || continue
  if ! python3 "$here/rewrite_stan221.py" "$d/model.stan" "$tmp/$n.stan" 2> "$tmp/$n.err"; then
    printf '%s\trewrite: %s\n' "$n" "$(tr '\n' ' ' < "$tmp/$n.err")"
  fi
done
Rscript -e '
suppressPackageStartupMessages(library(rstan))
for (f in list.files(commandArgs(TRUE)[1], pattern = "\\.stan$", full.names = TRUE)) {
  r <- tryCatch({ capture.output(stanc(file = f, verbose = FALSE)); "ok" },
                error = function(e) gsub("[\n\t]+", " ", conditionMessage(e)))
  cat(sub("\\.stan$", "", basename(f)), "\t", r, "\n", sep = "")
}' "$tmp"
rm -rf "$tmp"
