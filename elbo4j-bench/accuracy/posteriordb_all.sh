#!/usr/bin/env bash
# The default recipe on every posterior of posteriordb-all that has a reference.json (through the Stan front end:
# each directory's model.stan), one process per posterior, each with a wall-time budget (a posterior that runs out
# of it has no check.json; its .status line says rc=124). Run from the repository root:
#
#   bash elbo4j-bench/accuracy/posteriordb_all.sh [POSTERIORDB_ALL_DIR] [BUDGET_SECONDS] [check options...]
#
# Writes OUT/<posterior>/check.{json,md} and OUT/status.txt (exit status, load average at the start, the process's
# wall/user/sys seconds), OUT = $OUT or elbo4j-bench/accuracy/results/recipe/posteriordb-all; ELBO4J = the command
# (default ./elbo4j). At the end it prints the table of `speed_table.py time OUT`: per posterior the verdict, the
# error against reference.json, the fit's wall and CPU seconds (check.json's seconds and cpu_seconds: the fitting
# thread, JVM start and compile excluded), the whole process's wall and CPU, gradient and log-density evaluations,
# the load average; then the accuracy counts and the median and max of each time and count.
# A benchmark, not a CI test. Posteriors with a result already are skipped (delete it to re-run).
set -euo pipefail
all="${1:-../shared/data/posteriordb-all}"
budget="${2:-900}"
shift 2 || shift $# || true
elbo4j="${ELBO4J:-./elbo4j}"
out="${OUT:-elbo4j-bench/accuracy/results/recipe/posteriordb-all}"
mkdir -p "$out"
for d in "$all"/*/; do
  n=$(basename "$d")
  [[ -f "$d/reference.json" && ! -f "$out/$n/check.json" ]] || continue
  load=$(cut -d' ' -f1 /proc/loadavg)
  set +e
  timeout "$budget" /usr/bin/time -f "%e %U %S" -o "$out/$n.time" $elbo4j check "$d" --out "$out/$n" "$@" \
      > /dev/null 2>&1
  rc=$?
  set -e
  echo "$n rc=$rc load=$load wall/user/sys=$(tail -1 "$out/$n.time" 2>/dev/null)" >> "$out/status.txt"
  rm -f "$out/$n.time"
done
python3 "$(dirname "$0")/speed_table.py" time "$out"
