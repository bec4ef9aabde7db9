#!/usr/bin/env bash
# Runs stan_side_by_side.R over the posteriors of CORPUS with a reference.json (the 31 of posteriordb-all),
# one R process each, resumable (a posterior whose OUT/NAME.json has its "nuts" entry is skipped), then prints the
# table (table.py). Long: ~30-60 s of compile per program plus NUTS; run it in the background:
#   nice -n 10 bash run_side_by_side.sh [--corpus DIR] [--out DIR] [--models DIR] [NAME...] > side.log 2>&1 &
# (--models: compiled models to reuse, see stan_side_by_side.R). It makes two passes: ADVI on every posterior,
# then NUTS on every posterior (a posterior is skipped in a pass when its JSON has that entry already).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus=/work/shared/data/posteriordb-all
out=$here/results
models=()
names=()
while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) corpus=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --models) models=(--models "$2"); shift 2 ;;
    *) names+=("$1"); shift ;;
  esac
done
mkdir -p "$out"
if [ ${#names[@]} -eq 0 ]; then
  mapfile -t names < <(python3 -c '
import json, os, sys
c = sys.argv[1]
for p in json.load(open(os.path.join(c, "index.json"))):
    if p.get("reference") and os.path.exists(os.path.join(c, p["posterior"], "reference.json")):
        print(p["posterior"])' "$corpus")
fi
for stage in advi nuts; do
  for n in "${names[@]}"; do
    if [ -f "$out/$n.json" ] && grep -q "\"$stage\"" "$out/$n.json"; then continue; fi
    echo "$(date -u +%FT%TZ) == $n $stage (load $(cut -d' ' -f1 /proc/loadavg))"
    timeout 3600 Rscript "$here/stan_side_by_side.R" --posterior "$n" --corpus "$corpus" --out "$out" \
      "${models[@]}" --stage "$stage" || echo "$n: exit $?"
  done
done
python3 "$here/table.py" "$out"
