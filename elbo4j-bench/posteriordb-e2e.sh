#!/usr/bin/env bash
# End to end, one default fit of each posterior of ../shared/data/posteriordb (issue 15): elbo4j against Stan's
# ADVI (compile + run) and, where a PyTorch port exists (eight schools), against the PyTorch loop (import + steps).
#
#   bash elbo4j-bench/posteriordb-e2e.sh [POSTERIORDB_DIR] [POSTERIOR ...]
#   REPS=3 NICE=10 bash elbo4j-bench/posteriordb-e2e.sh ../shared/data/posteriordb eight_schools-eight_schools_noncentered
#
#  - elbo4j: `./elbo4j fit MODEL --data DIR/data.json` (the built-in model of the same name; JVM start, class
#    loading and JIT warm-up, the default recipe, the summary): median wall and CPU of $REPS runs (default 3), after
#    one unmeasured run (the launcher's class-data archive, built first if missing; the page cache).
#  - Stan: `Rscript peers/stan_advi_e2e.R peers/posteriordb/POSTERIOR.stan DIR/data.json` (the program ported to rstan
#    2.21's array syntax; R start, library(rstan), compiling the model,
#    rstan::vb with Stan's defaults), 1 run (the C++ compile, about a minute, dominates), with its split.
#  - PyTorch: `python3 peers/torch_svi.py MODEL DATA --steps N` (Python start, import torch, N steps), N = elbo4j's
#    steps (at least 1001), for the models peers/torch_svi.py has; "-" elsewhere.
# Every command runs under `nice -n $NICE` (default 10: the machine may be shared), the two sides alike. Printed:
# wall (CPU) seconds, the ratios Stan / elbo4j and PyTorch / elbo4j of wall times, and the load average.
# CPU is user + system of the command and the processes it waited for (Stan's compiler included).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
pdb=${1:-$root/../shared/data/posteriordb}
[ $# -gt 0 ] && shift
reps=${REPS:-3}
nicen=${NICE:-10}
command -v Rscript >/dev/null || { echo "Rscript not found: run 'sudo bash elbo4j-bench/peers/install.sh' first" >&2; exit 1; }
posteriors=${*:-$(/usr/bin/python3 -c 'import json,sys; print(" ".join(e["posterior"] for e in json.load(open(sys.argv[1]))))' "$pdb/index.json")}
work=$(mktemp -d /tmp/posteriordb-e2e.XXXXXX)
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
timed() { # out-file command... -> appends "wall cpu" to $work/t.last; the command's stdout goes to out-file
  local o=$1; shift
  /usr/bin/time -f '%e %U %S' -o "$work/t" nice -n "$nicen" "$@" > "$o" 2>/dev/null || echo "failed: $*" >&2
  local w u s; read -r w u s < <(tail -1 "$work/t"); echo "$w $(echo "$u + $s" | bc -l)"
}
model_of() { /usr/bin/python3 -c 'import json,sys
for e in json.load(open(sys.argv[1])):
    if e["posterior"] == sys.argv[2]: print(e["model"])' "$pdb/index.json" "$1"; }
ELBO4J_JVM_CACHE=sync "$root/elbo4j" --version >/dev/null 2>&1
echo "$(nproc) CPUs; $(java -version 2>&1 | head -1); $(date -u '+%F %T') UTC; nice $nicen; elbo4j median of $reps"
printf '%-40s %16s %6s   %16s %8s %7s %6s   %14s %6s   %s\n' posterior "elbo4j wall(CPU)" steps "Stan wall(CPU)" compile \
  vb "S/e" "torch wall(CPU)" "t/e" "load"
for p in $posteriors; do
  m=$(model_of "$p"); d=$pdb/$p
  l0=$(cut -d' ' -f1 /proc/loadavg)
  "$root/elbo4j" fit "$m" --data "$d/data.json" > "$work/$p.elbo4j.txt" 2>/dev/null || true # unmeasured
  : > "$work/$p.e"
  for _ in $(seq 1 "$reps"); do timed "$work/$p.elbo4j.txt" "$root/elbo4j" fit "$m" --data "$d/data.json" >> "$work/$p.e"; done
  ew=$(cut -d' ' -f1 "$work/$p.e" | median); ec=$(cut -d' ' -f2 "$work/$p.e" | median)
  steps=$( (grep -o 'total: [0-9][0-9]* steps' "$work/$p.elbo4j.txt" || grep -o '[0-9][0-9]* steps' "$work/$p.elbo4j.txt") \
    | head -1 | grep -o '[0-9][0-9]*' | head -1 || echo "?")
  read -r sw sc < <(timed "$work/$p.stan.json" Rscript "$here/peers/stan_advi_e2e.R" "$here/peers/posteriordb/$p.stan" "$d/data.json")
  comp=$(/usr/bin/python3 -c 'import json,sys; print("%.1f %.1f" % (json.load(open(sys.argv[1]))["compile_s"], json.load(open(sys.argv[1]))["vb_s"]))' \
    "$work/$p.stan.json" 2>/dev/null || echo "? ?")
  tcol="-"; trat="-"
  if [ "$m" = eight_schools_noncentered ] && /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    n=$(( ${steps:-1001} > 1001 ? ${steps:-1001} : 1001 ))
    : > "$work/$p.t"
    for _ in $(seq 1 "$reps"); do
      timed "$work/$p.torch.json" env OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$here/peers/torch_svi.py" "$m" "$d/data.json" \
        --steps "$n" --threads 1 >> "$work/$p.t"
    done
    tw=$(cut -d' ' -f1 "$work/$p.t" | median); tc=$(cut -d' ' -f2 "$work/$p.t" | median)
    tcol=$(printf '%.2f(%.2f)' "$tw" "$tc"); trat=$(printf '%.2f' "$(echo "$tw / $ew" | bc -l)")
  fi
  printf '%-40s %16s %6s   %16s %8s %7s %6.2f   %14s %6s   %s-%s\n' "$p" "$(printf '%.2f(%.2f)' "$ew" "$ec")" "$steps" \
    "$(printf '%.2f(%.2f)' "$sw" "$sc")" ${comp} "$(echo "$sw / $ew" | bc -l 2>/dev/null || echo 0)" "$tcol" "$trat" "$l0" \
    "$(cut -d' ' -f1 /proc/loadavg)"
done
echo "(S/e, t/e: Stan's and PyTorch's wall time over elbo4j's; raw outputs in $work)"
