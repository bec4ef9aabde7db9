#!/usr/bin/env bash
# The default recipe on the ten posteriordb posteriors (docs/accuracy.md): the recipe itself, the recipe with a
# Pathfinder start instead of the Laplace start, Pathfinder alone, and the "why these defaults" switches.
# Run from the repository root:
#
#   bash elbo4j-bench/accuracy/recipe.sh [POSTERIORDB_DIR] [VARIANT...]   # variants: default pathfinder-start
#        pathfinder one-restart no-escalate prior-start one-particle no-anneal (default: all)
#
# Writes elbo4j-bench/accuracy/results/recipe/<variant>/check.{json,md}; tabulate with
#   python3 elbo4j-bench/accuracy/recipe_table.py elbo4j-bench/accuracy/results/recipe
# A benchmark, not a CI test (CI runs PosteriordbAccuracyTest in a small configuration).
set -euo pipefail
pdb="${1:-../shared/data/posteriordb}"
shift || true
elbo4j="${ELBO4J:-./elbo4j}"
out="elbo4j-bench/accuracy/results/recipe"
dirs=("$pdb"/*/)
variants=("$@")
[[ ${#variants[@]} -gt 0 ]] || variants=(default pathfinder-start pathfinder one-restart no-escalate prior-start one-particle no-anneal)
mkdir -p "$out"
for v in "${variants[@]}"; do
  case "$v" in
    default)          args=() ;;
    pathfinder-start) args=(--start PATHFINDER) ;;
    pathfinder)       args=(--method pathfinder) ;;
    one-restart)      args=(--restarts 1) ;;
    no-escalate)      args=(--no-escalate) ;;
    prior-start)      args=(--start PRIOR) ;;
    one-particle)     args=(--samples 1) ;;
    no-anneal)        args=(--anneal-steps 1) ;;
    *) echo "unknown variant $v" >&2; exit 2 ;;
  esac
  echo "== $v: elbo4j check ${args[*]}" >&2
  $elbo4j check "${dirs[@]}" --out "$out/$v" "${args[@]}" > "$out/$v.log" 2>&1
done
