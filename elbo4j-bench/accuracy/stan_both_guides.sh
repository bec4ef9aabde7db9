#!/usr/bin/env bash
# Issue 11's accuracy check through the Stan front end: `elbo4j check` on every posterior of posteriordb-all that
# has a reference.json (each directory's model.stan), with both guides side by side and nothing chosen for the user
# (--guide meanfield,fullrank --no-escalate --keep-meanfield: mean-field's SVI runs even where its start rules it
# out), one process per posterior, niced, with an explicit heap and a wall-time budget (a posterior that runs out
# of it has no check.json; status.txt says rc=124). Run from the repository root:
#
#   bash elbo4j-bench/accuracy/stan_both_guides.sh [POSTERIORDB_ALL_DIR] [BUDGET_SECONDS] [NAME...]
#   bash elbo4j-bench/accuracy/stan_both_guides.sh --ports [POSTERIORDB_DIR] [BUDGET_SECONDS] [NAME...]
#   python3 elbo4j-bench/accuracy/stan_guides_table.py elbo4j-bench/accuracy/results/stan-both-guides
#
# --ports: the same on the ten posteriors of ../shared/data/posteriordb through their built-in Java ports (each
# directory's data.json and reference.json copied to a temporary directory without model.stan, so `elbo4j check`
# uses the Java port named by the directory), into elbo4j-bench/accuracy/results/java-ports-both-guides.
#
# Writes elbo4j-bench/accuracy/results/stan-both-guides/<posterior>/check.{json,md} and status.txt (exit status,
# load average at the start, wall/user/sys seconds). Posteriors with a result already are skipped (delete it to
# re-run). A benchmark, not a CI test. JAVA_OPTS defaults to -Xmx2g.
set -euo pipefail
out="elbo4j-bench/accuracy/results/stan-both-guides"
if [ "${1:-}" = "--ports" ]; then
  shift
  ten="${1:-../shared/data/posteriordb}"
  all=$(mktemp -d)
  trap 'rm -rf "$all"' EXIT
  for d in "$ten"/*/; do
    mkdir -p "$all/$(basename "$d")"
    cp "$d/data.json" "$d/reference.json" "$all/$(basename "$d")/"
  done
  out="elbo4j-bench/accuracy/results/java-ports-both-guides"
  shift || true
  set -- "$all" "$@"
fi
all="${1:-../shared/data/posteriordb-all}"
budget="${2:-900}"
shift 2 || shift $# || true
elbo4j="${ELBO4J:-./elbo4j}"
export JAVA_OPTS="${JAVA_OPTS:--Xmx2g}"
export ELBO4J_JVM_CACHE=off   # no detached class-data training run after each command
mkdir -p "$out"
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for d in "$all"/*/; do
    [ -f "$d/reference.json" ] && names+=("$(basename "$d")")
  done
fi
for n in "${names[@]}"; do
  d="$all/$n"
  [[ -f "$d/reference.json" && ! -f "$out/$n/check.json" ]] || continue
  load=$(cut -d' ' -f1 /proc/loadavg)
  set +e
  timeout "$budget" /usr/bin/time -f "%e %U %S" -o "$out/$n.time" nice -n 10 $elbo4j check "$d" \
      --guide meanfield,fullrank --no-escalate --keep-meanfield --out "$out/$n" > /dev/null 2> "$out/$n.err"
  rc=$?
  set -e
  echo "$n rc=$rc load=$load wall/user/sys=$(tail -1 "$out/$n.time" 2>/dev/null | tr ' ' /)" >> "$out/status.txt"
  [ -s "$out/$n.err" ] && [ $rc -ne 0 ] && tail -3 "$out/$n.err" | sed "s/^/$n: /" >> "$out/status.txt"
  rm -f "$out/$n.time" "$out/$n.err"
done
