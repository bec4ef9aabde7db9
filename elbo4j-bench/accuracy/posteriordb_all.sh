#!/usr/bin/env bash
# The default recipe on every posterior of posteriordb-all that has a reference.json (through the Stan front end:
# each directory's model.stan), one process per posterior, each with a wall-time budget (a posterior that runs out
# of it has no check.json; its .status line says rc=124). Run from the repository root:
#
#   bash elbo4j-bench/accuracy/posteriordb_all.sh [POSTERIORDB_ALL_DIR] [BUDGET_SECONDS] [check options...]
#
# Writes elbo4j-bench/accuracy/results/recipe/posteriordb-all/<posterior>/check.{json,md} and status.txt (exit
# status, load average at the start, wall/user/sys seconds); tabulate with
#   python3 elbo4j-bench/accuracy/speed_table.py many elbo4j-bench/accuracy/results/recipe/posteriordb-all/*/
# A benchmark, not a CI test. Posteriors with a result already are skipped (delete it to re-run).
set -euo pipefail
all="${1:-../shared/data/posteriordb-all}"
budget="${2:-900}"
shift 2 || shift $# || true
elbo4j="${ELBO4J:-./elbo4j}"
out="elbo4j-bench/accuracy/results/recipe/posteriordb-all"
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
