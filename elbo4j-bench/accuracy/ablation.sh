#!/usr/bin/env bash
# Measures each default of `elbo4j check` (docs/accuracy.md, "Why these defaults") by switching it off, one at a
# time, on all ten posteriordb posteriors with both guides. Run from the repository root:
#
#   bash elbo4j-bench/accuracy/ablation.sh [POSTERIORDB_DIR] [VARIANT...]
#
# Variants (default: all, in this order): default, one-particle (--samples 1), no-anneal (--anneal-steps 1),
# one-restart (--restarts 1), no-stl (plain reparameterised gradients), no-laplace (Stan's init; the slowest: its
# explore phases run long).
# Writes OUT/<variant>/check.{json,md}, OUT = $OUT or elbo4j-bench/accuracy/results/ablation (the runs of the recipe
# before its cost was cut are in elbo4j-bench/accuracy/results/<variant>/); summarise with
#   python3 elbo4j-bench/accuracy/summarize.py OUT
# ELBO4J overrides the launcher (e.g. ELBO4J="java --add-modules jdk.incubator.vector -jar elbo4j.jar").
set -euo pipefail
pdb="${1:-../shared/data/posteriordb}"
shift || true
elbo4j="${ELBO4J:-./elbo4j}"
out="${OUT:-elbo4j-bench/accuracy/results/ablation}"
dirs=("$pdb"/*/)
run() {
  local name="$1"; shift
  echo "== $name: $*" >&2
  $elbo4j check "${dirs[@]}" --guide meanfield,fullrank --no-escalate --out "$out/$name" "$@" > "$out/$name.log" 2>&1
}
mkdir -p "$out"
variants=("$@")
[[ ${#variants[@]} -gt 0 ]] || variants=(default one-particle no-anneal one-restart no-stl no-laplace)
for v in "${variants[@]}"; do
  case "$v" in
    default)      run default ;;
    one-particle) run one-particle --samples 1 ;;
    no-anneal)    run no-anneal --anneal-steps 1 ;;
    one-restart)  run one-restart --restarts 1 ;;
    no-stl)       run no-stl --no-stl ;;
    no-laplace)   run no-laplace --no-laplace ;;
    averaging)    run averaging --averaging 0.99 ;;
    *) echo "unknown variant $v" >&2; exit 2 ;;
  esac
done
