#!/usr/bin/env bash
# Measures each default of `elbo4j check` (docs/accuracy.md, "Why these defaults") by switching it off, one at a
# time, on all ten posteriordb posteriors with both guides. Run from the repository root:
#
#   bash elbo4j-bench/accuracy/ablation.sh [POSTERIORDB_DIR]      # about 15 minutes on 2 cores
#
# Writes elbo4j-bench/accuracy/results/<variant>/check.{json,md}; summarise with
#   python3 elbo4j-bench/accuracy/summarize.py elbo4j-bench/accuracy/results
# ELBO4J overrides the launcher (e.g. ELBO4J="java --add-modules jdk.incubator.vector -jar elbo4j.jar").
set -euo pipefail
pdb="${1:-../shared/data/posteriordb}"
elbo4j="${ELBO4J:-./elbo4j}"
out="elbo4j-bench/accuracy/results"
dirs=("$pdb"/*/)
run() {
  local name="$1"; shift
  echo "== $name: $*" >&2
  $elbo4j check "${dirs[@]}" --guide meanfield,fullrank --no-escalate --out "$out/$name" "$@" > "$out/$name.log" 2>&1
}
mkdir -p "$out"
run default
run no-laplace --no-laplace
run one-particle --samples 1
run no-anneal --anneal-steps 1
run one-restart --restarts 1
run averaging --averaging 0.99
