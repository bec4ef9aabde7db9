#!/usr/bin/env bash
# Makes the rstan reference values of the whole posteriordb corpus, one posterior per R process, resumable:
# a posterior whose OUT/NAME.json or OUT/NAME.json.gz (compressed by compact_reference.py) exists, or that has a
# line in OUT/failures.tsv, is skipped (--retry-failures drops the failures.tsv lines first, so they are tried again).
#
# Usage (after `bash ../install.sh` as root):
#   nice -n 10 bash run_all.sh [--corpus DIR] [--out DIR] [--work DIR] [--retry-failures] [NAME...] > LOG 2>&1 &
# Order: the ten posteriors of ../shared/data/posteriordb, then those with a reference.json, then the rest
# (or only the NAMEs given).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
corpus=/work/shared/data/posteriordb-all
ten=/work/shared/data/posteriordb
out=$repo/elbo4j-stan/src/test/resources/org/elbo4j/stan/reference
work=/tmp/elbo4j-stan-reference
retry=0
names=()
while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) corpus=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --retry-failures) retry=1; shift ;;
    *) names+=("$1"); shift ;;
  esac
done
mkdir -p "$out" "$work"
touch "$out/failures.tsv"
if [ "$retry" = 1 ]; then
  if [ ${#names[@]} -gt 0 ]; then
    for n in "${names[@]}"; do
      awk -F'\t' -v n="$n" '$1 != n' "$out/failures.tsv" > "$out/failures.tsv.tmp" && mv "$out/failures.tsv.tmp" "$out/failures.tsv"
    done
  else
    : > "$out/failures.tsv"
  fi
fi
if [ ${#names[@]} -eq 0 ]; then
  mapfile -t names < <(python3 - "$corpus" "$ten" <<'PY'
import json, os, sys
corpus, ten = sys.argv[1], sys.argv[2]
index = json.load(open(os.path.join(corpus, "index.json")))
first = [p["posterior"] for p in json.load(open(os.path.join(ten, "index.json")))]
order = first + [p["posterior"] for p in index if p.get("reference")] + [p["posterior"] for p in index]
seen = set()
for n in order:
    if n not in seen and os.path.exists(os.path.join(corpus, n, "model.stan")):
        seen.add(n)
        print(n)
PY
)
fi
echo "$(date -u +%FT%TZ) run_all: ${#names[@]} posteriors, out $out"
for n in "${names[@]}"; do
  if [ -f "$out/$n.json" ] || [ -f "$out/$n.json.gz" ] || cut -f1 "$out/failures.tsv" | grep -qxF "$n"; then
    continue
  fi
  start=$(date +%s)
  echo "$(date -u +%FT%TZ) == $n"
  Rscript "$here/make_reference.R" --posterior "$n" --corpus "$corpus" --out "$out" --work "$work"
  rc=$?
  if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then
    printf '%s\t%s\t%s\n' "$n" "crash" "Rscript exited with status $rc" >> "$out/failures.tsv"
  fi
  echo "$(date -u +%FT%TZ) -- $n rc=$rc $(( $(date +%s) - start )) s"
done
echo "$(date -u +%FT%TZ) run_all: done"
