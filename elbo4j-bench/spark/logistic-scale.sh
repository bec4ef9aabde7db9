#!/usr/bin/env bash
# Scale benchmark of elbo4j-spark's data-parallel SVI (docs/spark.md, "Scale"): Bayesian logistic regression,
# N rows x 20 features read from Parquet on local disk, local[1] against local[2], interleaved.
#
#   elbo4j-bench/spark/logistic-scale.sh                       # N = 10^7 (the issue's scale run)
#   elbo4j-bench/spark/logistic-scale.sh --rows 1000000        # a quicker check
#
# Options: --rows N (10000000) --files P (8: Parquet files = partitions) --steps T (1000) --batch B (N/100)
#          --control K (50) --rounds R (1: local[1], local[2] pairs) --heap H (4g) --work DIR (/tmp/elbo4j-spark-bench)
#          --no-tiny (skip the per-step overhead runs on 4,000 rows) --estimate (print the run-time estimate, stop)
# Every run's JVM gets -XX:G1HeapRegionSize=4m (see "gc=" below).
#
# 1. Writes the rows to DIR/lr-N-P.parquet unless it is there (never inside the repository; delete DIR to clean up).
# 2. Per-step overhead of Spark: the same fit on 4,000 rows (B = 400, 150 steps), where a step's arithmetic is
#    negligible.
# 3. R rounds of: local[1], then local[2], each a fresh JVM with -XmxH that reads and caches the Parquet and runs
#    T SVI steps (Adam 0.05 cosine-annealed, guide sd 0.05 at start, beta2 0.99, control variate refreshed every K
#    steps, iterate averaging 0.99 over the last T/2 steps: the configuration that met the 0.05-sd criterion at
#    10^6 rows, with the same N/B = 100).
# Prints one table: load average (start-end of the fit), wall and CPU (user+sys) of the load and of the fit, ms per
# step, the part of a step that is not the tasks' own time, rows evaluated per second, the JVM's heap (largest used,
# largest committed, live after a full GC at the end) and Spark's cache; then the speed-ups. In local mode the
# driver is the executor: one JVM, one heap.
set -euo pipefail

rows=10000000 files=8 steps=1000 batch="" control=50 rounds=1 heap=4g work=/tmp/elbo4j-spark-bench tiny=1 estimate_only=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --files) files="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --control) control="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --no-tiny) tiny=0; shift ;;
    --estimate) estimate_only=1; shift ;;
    *) echo "logistic-scale.sh: error: unknown option '$1' (see the header of $0)" >&2; exit 2 ;;
  esac
done
[[ "$rows" =~ ^[0-9]+$ && "$rows" -ge 1000 ]] || { echo "logistic-scale.sh: error: --rows must be an integer >= 1000, got '$rows'" >&2; exit 2; }
batch="${batch:-$((rows / 100))}"

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
demo="$root/elbo4j-spark-demo"
mkdir -p "$work"
pq="$work/lr-$rows-$files.parquet"
log="$work/logistic-scale-$(date -u +%Y%m%dT%H%M%S).log"
t_start=$(date +%s)

# Run-time estimate, from the idle-machine run of 2026-12-08 (docs/spark.md, "Scale"): local[1]'s fit took about
# 0.14 us per row evaluated plus 57 ms per step there, and the per-step part is about halved since (one job, one task
# per core and step: 35 ms is assumed); loading 2.2 us per row plus a JVM start of 8 s, writing the Parquet
# 5 us per row over two threads (80 s at 10^7 rows at load average 9); local[2] taken as local[1] divided by 1.7.
evaluated=$(( (steps / control) * rows + (steps - steps / control) * batch * 2 ))
est_fit=$(awk -v e="$evaluated" -v t="$steps" 'BEGIN { printf "%d", e * 0.14e-6 + t * 0.035 }')
est_load=$(awk -v n="$rows" 'BEGIN { printf "%d", n * 2.2e-6 + 8 }')
est_gen=0; [[ -f "$pq/_SUCCESS" ]] || est_gen=$(awk -v n="$rows" 'BEGIN { printf "%d", n * 5e-6 / 2 + 8 }')
est_tiny=$(( tiny ? 2 * (8 + 150 * 35 / 1000) : 0 ))
est_total=$(awk -v g="$est_gen" -v f="$est_fit" -v l="$est_load" -v r="$rounds" -v s="$est_tiny" \
  'BEGIN { printf "%d", g + s + r * (l + l / 1.7 + f + f / 1.7) }')
echo "logistic-scale: N = $rows rows in $files Parquet files, B = $batch, T = $steps steps, control variate every $control, heap $heap, $rounds round(s); $(nproc) cores"
echo "  estimate on an idle 2-core machine: about $est_total s in all (Parquet ${est_gen} s, per-step overhead runs ${est_tiny} s, per round: loads ${est_load} s + $((est_load * 10 / 17)) s, fits ${est_fit} s + $((est_fit * 10 / 17)) s); log: $log"

[[ -f "$root/elbo4j-spark/target/demo-classpath.txt" ]] \
  || echo "  (not counted: ./elbo4j-spark-demo first builds the module with Maven, a minute or two)"
(( estimate_only )) && exit 0

# G1 regions of 4 MB: with the default 2 MB (at -Xmx4g) each partition's minibatch copy (12,500 rows x 20 doubles,
# 2 MB) and each task's 1 MB result buffer are "humongous" objects, and with the 1.7 GB cache near G1's
# occupancy threshold they start a collection cycle every few steps (docs/spark.md, "Scale": at 10^7 rows the
# local[1] fit took 143 s of CPU with 2 MB regions, 85 s with 4 MB, the same bits).
gc="-XX:G1HeapRegionSize=4m"
run() { # label, JVM heap, demo args...: prints the demo's "result" line, prefixed with the label and /usr/bin/time figures
  local label="$1" h="$2"; shift 2
  local out
  out=$( { JAVA_OPTS="-Xmx$h $gc" /usr/bin/time -f "time wall=%e user=%U sys=%S maxrss_kb=%M" "$demo" "$@" 2>&1; } | tee -a "$log" \
    | grep -E '^(result|time) ' | tr '\n' ' ')
  [[ "$out" == *"result "* ]] || { echo "logistic-scale.sh: error: the run '$label' failed; see $log" >&2; exit 1; }
  echo "$label $out"
}

if [[ ! -f "$pq/_SUCCESS" ]]; then
  rm -rf "$pq"
  echo "  writing $pq ..."
  JAVA_OPTS="-Xmx2g" "$demo" parquet --rows "$rows" --partitions "$files" --out "$pq" --master 'local[2]' 2>&1 \
    | tee -a "$log" | grep '^parquet:' | sed 's/^/  /'
fi

common=(--features 20 --steps "$steps" --lr 0.05 --init-scale 0.05 --beta2 0.99 --control "$control"
  --averaging 0.99 --averaging-skip $((steps / 2)))
results=()
if (( tiny )); then
  for m in 1 2; do
    results+=("$(run "tiny-local[$m]" 1g logistic --rows 4000 --partitions "$files" --batch 400 "${common[@]}" \
      --steps 150 --averaging-skip 75 --master "local[$m]")")
  done
fi
for ((r = 1; r <= rounds; r++)); do
  for m in 1 2; do
    results+=("$(run "round$r-local[$m]" "$heap" logistic --parquet "$pq" --batch "$batch" "${common[@]}" --master "local[$m]")")
  done
done

# the table
printf '%s\n' "${results[@]}" | awk -v n="$rows" '
  function f(k,   i, a) { for (i = 1; i <= NF; i++) { split($i, a, "="); if (a[1] == k) return a[2] } return "?" }
  BEGIN {
    print ""
    print "| run | load avg (fit) | load: wall s, CPU s | fit: wall s | fit: CPU s | ms per step | not in tasks, ms per step | rows evaluated per s | heap used max MB | heap committed max MB | live heap at end MB | cache MB | JVM wall s, CPU s | hash |"
    print "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  }
  {
    printf "| %s | %s | %s, %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s, %.1f | %s |\n", $1, f("fit_load"),
      f("load_wall_s"), f("load_cpu_s"), f("fit_wall_s"), f("fit_cpu_s"), f("ms_per_step"), f("overhead_ms_per_step"),
      f("evaluated_rows_per_s"), f("fit_heap_used_max_mb"), f("fit_heap_committed_max_mb"), f("fit_heap_live_end_mb"),
      f("cache_mb"), f("wall"), f("user") + f("sys"), f("hash")
    wall[$1] = f("fit_wall_s"); cpu[$1] = f("fit_cpu_s")
  }
  END {
    print ""
    for (k in wall) if (k ~ /local\[1\]/) {
      k2 = k; sub(/local\[1\]/, "local[2]", k2)
      if (k2 in wall) printf "%s: speed-up local[1] -> local[2] %.2fx (fit wall %s s -> %s s; fit CPU %s s -> %s s)\n",
        substr(k, 1, index(k, "-local") - 1), wall[k] / wall[k2], wall[k], wall[k2], cpu[k], cpu[k2]
    }
  }' | tee -a "$log"
echo "total wall time of this script: $(( $(date +%s) - t_start )) s (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
