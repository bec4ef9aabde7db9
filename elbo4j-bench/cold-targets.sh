#!/usr/bin/env bash
# Issue 15's cold-start targets, measured and printed one per line beside the target, in one command:
#
#   bash elbo4j-bench/cold-targets.sh [--reps 5] [--epochs 20] [--no-vae]
#
#  1. `./elbo4j fit eight_schools_noncentered` end to end (launcher start to exit, with the launcher's class-data
#     archive or AOT cache, which is built first if missing): median wall of --reps runs <= 0.5 s; the same for
#     `--fast` (no target) and for issue 11's `fit examples/eight_schools/model.stan --data ...` (<= 1.5 s).
#  2. VAE 784-400-20, --epochs epochs, float64 (elbo4j-bench/vae-vs-torch.sh, both PyTorch thread splits):
#     elbo4j's time from the start of the command to the end of the last epoch <= PyTorch's (the faster split), and
#     elbo4j's first epoch <= 1.5 x PyTorch's first epoch (same split); both for elbo4j as a user runs it (test ELBO
#     after every epoch) and like for like with torch_vae.py (--eval-every 0).
# Each figure is printed with the 1-minute load average: the targets are for an idle machine, and a line says
# "NOT VERIFIABLE (load ...)" when the load was 1.5 or more (wall times are then stretched by other processes).
# CPU time (user + system) of the fit is printed beside its wall time. Needs PyTorch for 2 (see peers/install.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
reps=5
epochs=20
vae=1
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps=$2; shift 2 ;;
    --epochs) epochs=$2; shift 2 ;;
    --no-vae) vae=0; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "cold-targets.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
load() { cut -d' ' -f1 /proc/loadavg; }
verdict() { # ok(0/1) load -> text
  if awk -v l="$2" 'BEGIN { exit !(l >= 1.5) }'; then echo "NOT VERIFIABLE (load $2 >= 1.5)"
  elif [ "$1" = 1 ]; then echo "MET (load $2)"; else echo "NOT MET (load $2)"; fi
}
work=$(mktemp -d /tmp/cold-targets.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; $(java -version 2>&1 | head -1); $(date -u '+%F %T') UTC"

# ---- 1. the fits ----
cd "$root"
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
stan_fit="fit examples/eight_schools/model.stan --data examples/eight_schools/data.json"
# builds the jar and the launcher's cache (AOT cache with a JDK 25, class-data archive with 17); fills the page cache
ELBO4J_JVM_CACHE=sync ./elbo4j fit eight_schools_noncentered >/dev/null 2>&1
echo "the launcher runs fit on: $(JAVA_OPTS=-XshowSettings:properties ./elbo4j models 2>&1 >/dev/null \
  | sed -n 's/^ *java.home = //p'), cache: $(ls elbo4j-cli/target/jvm-cache/ 2>/dev/null | grep -E '[.](aot|jsa)$' | tr '\n' ' ')"
# the launcher's JIT options for fit (models gets the same): C1 only since the fourth pass of docs/benchmarks.md
echo "JIT options for fit: $(JAVA_OPTS=-XX:+PrintCommandLineFlags ./elbo4j models 2>&1 \
  | grep -o -- '-XX:TieredStopAtLevel=[0-9]\|-XX:CompilerDirectivesFile=[^ ]*' | tr '\n' ' ')(ELBO4J_JIT=${ELBO4J_JIT:-unset}); $(nproc) processors for the recipe's restarts"
time_fit() { # label target(s, or -) args...
  local label=$1 target=$2; shift 2
  local loads=() f="$work/fit.$RANDOM"
  for _ in $(seq 1 "$reps"); do
    loads+=("$(load)")
    /usr/bin/time -f '%e %U %S' -o "$work/t" ./elbo4j "$@" >/dev/null 2>&1
    read -r w u s < "$work/t"
    echo "$w $(echo "$u + $s" | bc -l)" >> "$f"
  done
  local fw fc fl ok
  fw=$(cut -d' ' -f1 "$f" | median); fc=$(cut -d' ' -f2 "$f" | median)
  fl=$(printf '%s\n' "${loads[@]}" | sort -g | tail -1)
  if [ "$target" = - ]; then
    printf '%s, end to end: median of %d %.3f s (CPU %.3f s; all: %s; load up to %s)\n' "$label" "$reps" "$fw" "$fc" \
      "$(cut -d' ' -f1 "$f" | tr '\n' ' ' | sed 's/ $//')" "$fl"
  else
    ok=$(awk -v w="$fw" -v t="$target" 'BEGIN { print (w <= t) ? 1 : 0 }')
    printf '%s, end to end: target <= %.2f s median of %d; measured %.3f s (CPU %.3f s; all: %s) -> %s\n' \
      "$label" "$target" "$reps" "$fw" "$fc" "$(cut -d' ' -f1 "$f" | tr '\n' ' ' | sed 's/ $//')" "$(verdict "$ok" "$fl")"
  fi
}
time_fit "fit eight_schools_noncentered (issue 15)" 0.5 fit eight_schools_noncentered
time_fit "fit eight_schools_noncentered --fast" - fit eight_schools_noncentered --fast
time_fit "fit examples/eight_schools/model.stan --data ... (issue 11)" 1.5 $stan_fit

# ---- 2. the VAE against PyTorch ----
if [ "$vae" = 1 ]; then
  l0=$(load)
  bash "$here/vae-vs-torch.sh" --epochs "$epochs" --keep "$work/vae" > "$work/vae.txt"
  l1=$(load)
  l=$(printf '%s\n%s\n' "$l0" "$l1" | sort -g | tail -1)
  /usr/bin/python3 - "$work/vae/rows.json" "$l" "$epochs" <<'EOF'
import json, sys
rows, load, epochs = json.load(open(sys.argv[1])), float(sys.argv[2]), sys.argv[3]
mine = [r for r in rows if r["label"].startswith("elbo4j")]
torch = [r for r in rows if not r["label"].startswith("elbo4j")]
def verdict(ok):
    return "NOT VERIFIABLE (load %.2f >= 1.5)" % load if load >= 1.5 else ("MET" if ok else "NOT MET") + " (load %.2f)" % load
best = min(torch, key=lambda r: r["to_last"])
for e in mine:
    what = "as a user runs it (test ELBO after every epoch)" if "eval-every" not in e["label"] else \
        "like for like (--eval-every 0: test ELBO only at the end, as torch_vae.py)"
    print("VAE %s epochs, %s:" % (epochs, what))
    print("  command start to last epoch: target elbo4j <= PyTorch (%s); measured %.2f s vs %.2f s (%.2fx) -> %s"
          % (best["label"], e["to_last"], best["to_last"], e["to_last"] / best["to_last"],
             verdict(e["to_last"] <= best["to_last"])))
    print("  first epoch: target elbo4j <= 1.5x PyTorch's (%s); measured %.2f s vs %.2f s (%.2fx) -> %s"
          % (best["label"], e["first"], best["first"], e["first"] / best["first"],
             verdict(e["first"] <= 1.5 * best["first"])))
    print("  warm (epochs 2..%s, s/epoch): elbo4j %.3f, PyTorch %.3f (%.2fx); training (all epochs) %.2f vs %.2f s "
          "(%.2fx); whole command %.2f vs %.2f s (%.2fx)" % (epochs, e["warm"], best["warm"], e["warm"] / best["warm"],
          e["train"], best["train"], e["train"] / best["train"], e["whole"], best["whole"], e["whole"] / best["whole"]))
EOF
  echo "(the whole vae-vs-torch.sh table:)"
  sed -n '/epoch 1/,$p' "$work/vae.txt"
fi
