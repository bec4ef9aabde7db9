#!/usr/bin/env bash
# LDA at scale in local mode: a synthetic corpus of 1M documents (SyntheticLda: K = 10 topics drawn from Dir(0.05)
# over V = 1,000 words, θ ~ Dir(0.5), lengths Poisson(100)), generated on the executors (document i from the seed and
# i alone; nothing is written to disk), then elbo4j's SparkLda and, unless NO_MLLIB=1, Spark MLlib's
# OnlineLDAOptimizer on the same cached RDD: one pass each in minibatches of 10,000 documents, both scored by the
# same document-completion estimator on 1,000 held-out documents, beside the true topics' score.
#
#   NO_MLLIB=1 elbo4j-bench/spark/lda-1m.sh           # elbo4j alone: 23 min at load 45-67 on 2 cores (docs/spark.md)
#   elbo4j-bench/spark/lda-1m.sh --steps 20           # both, 20 steps each (MLlib needs more memory: see docs)
#   DOCS=100000 NO_MLLIB=1 elbo4j-bench/spark/lda-1m.sh   # smaller, elbo4j only
#
# Prints the demo's lines (wall and CPU time, documents/s, heap, held-out per word) with the load average every
# 60 s beside them, then the whole command's wall, user and system time and peak RSS from /usr/bin/time.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
docs="${DOCS:-1000000}"
extra=()
[[ -n "${NO_MLLIB:-}" ]] && extra+=(--no-mllib)
echo "lda-1m: start $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
( while sleep 60; do echo "lda-1m: $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"; done ) &
monitor=$!
trap 'kill "$monitor" 2>/dev/null || true' EXIT
JAVA_OPTS="-Xmx${HEAP:-4g}" /usr/bin/time -f "lda-1m: whole command: wall %e s, user %U s, sys %S s, peak RSS %M KB" \
  "$root/elbo4j-spark-demo" lda --docs "$docs" --k 10 --vocab 1000 --length 100 --partitions 2 --batch 10000 \
  --passes 1 --tau0 64 --kappa 0.7 --test 1000 --master 'local[2]' --curve "${POINTS:-5}" "${extra[@]}" "$@"
echo "lda-1m: end $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
