#!/usr/bin/env bash
# SVI step cost side by side, in one run: Stan's ADVI (rstan, C++ -O3), elbo4j, and a Pyro-style PyTorch loop,
# on eight schools (non-centered) and logistic regression (N=1000, D=10), printed as µs/step and ratios.
#
#   bash elbo4j-bench/svi-vs-peers.sh            # both models, and logistic regression against Stan's
#                                                # bernoulli_logit_glm (row logistic_regression_glm)
#   bash elbo4j-bench/svi-vs-peers.sh eight_schools_noncentered
#
# Needs the peers (bash elbo4j-bench/peers/install.sh, as root: r-cran-rstan, python3-torch, OpenBLAS).
# All measure the marginal cost per step, (T(N steps) − T(1k steps)) / (N − 1k). Two like-for-like pairs:
#  - Stan vs elbo4j "stan cfg": mean-field ADVI, η = 0.1 without adaptation, 1 gradient draw with the analytic
#    entropy, the ELBO evaluated every 100 steps with 100 draws (Stan's defaults);
#  - PyTorch vs elbo4j "torch cfg": the loop of peers/torch_svi.py, Adam(0.01), 1 pathwise draw with log q of the
#    draw, no ELBO evaluation.
# See SviSteps.java, peers/stan_advi_steps.R, peers/torch_svi.py.
# Each side runs alone, one after another, on a machine that should otherwise be quiet (the load is recorded).
#
# Then, cold: the end-to-end time of one whole default fit, from the command to the answer, per model and side:
#  - elbo4j: `./elbo4j fit MODEL --data DATA` (JVM start, class loading and JIT warm-up, the fit with its default
#    stopping rule, the summary and Pareto k), the median of $E2E_REPS runs (default 5) after one unmeasured run
#    that builds the launcher's class-data archive if missing (ELBO4J_JVM_CACHE=sync);
#  - Stan: `Rscript peers/stan_advi_e2e.R MODEL.stan DATA` (R start, library(rstan), compiling the model to C++
#    and building it, rstan::vb with Stan's defaults), $E2E_STAN_REPS runs (default 1: the compile dominates),
#    with its split into R + rstan load, compile and vb;
#  - PyTorch: `python3 peers/torch_svi.py MODEL DATA --steps N` (Python start, import torch, N steps, 1000 draws),
#    N = the steps elbo4j's default fit took (at least 1001, the script's minimum): the loop has no stopping
#    rule of its own; the median of $E2E_REPS runs, interleaved with elbo4j's.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
peers=$root/elbo4j-bench/peers
out=${OUT:-$root/elbo4j-bench/results}
mkdir -p "$out"
models=${*:-eight_schools_noncentered logistic_regression logistic_regression_glm}
command -v Rscript >/dev/null || { echo "Rscript not found: run 'sudo bash elbo4j-bench/peers/install.sh' first" >&2; exit 1; }
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "PyTorch not found: run 'sudo bash elbo4j-bench/peers/install.sh' first" >&2; exit 1; }
(cd "$root" && mvn -q -DskipTests package -pl elbo4j-bench -am)
jar=$root/elbo4j-bench/target/benchmarks.jar
field() { /usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }
# The JVM runs as the elbo4j launcher runs it (same options: see the jvm_opts in ./elbo4j). JIT compilation differs
# from one JVM to the next, so elbo4j runs in $FORKS separate JVMs and the median of their marginal costs is reported
# (each fork: the fastest of --reps runs of each length, as the Stan script does); every fork's figure is kept.
forks=${FORKS:-3}
jvm=(-XX:+UseParallelGC --add-modules jdk.incubator.vector)
median_fork() { # model config data -> writes $out/elbo4j_${config}_$model.json (the median fork) and .forks
  local m=$1 cfg=$2 d=$3 f
  : > "$out/elbo4j_${cfg}_$m.forks"
  for f in $(seq 1 "$forks"); do
    java "${jvm[@]}" -cp "$jar" org.elbo4j.bench.SviSteps "$m" --data "$d" --reps 5 --config "$cfg" \
      > "$out/elbo4j_${cfg}_$m.fork$f.json" 2> /dev/null
    echo "$(field "$out/elbo4j_${cfg}_$m.fork$f.json" marginal_us_per_step) $f" >> "$out/elbo4j_${cfg}_$m.forks"
  done
  f=$(sort -g "$out/elbo4j_${cfg}_$m.forks" | awk -v k=$(( (forks + 1) / 2 )) 'NR == k {print $2}')
  cp "$out/elbo4j_${cfg}_$m.fork$f.json" "$out/elbo4j_${cfg}_$m.json"
}
printf '%-26s %10s %10s %8s   %10s %10s %8s   %s\n' model "stan" "elbo4j" "ratio" "torch" "elbo4j" "ratio" "load (1 min)"
printf '%-26s %10s %10s %8s   %10s %10s %8s\n' "" "us/step" "stan cfg" "s/e" "us/step" "torch cfg" "t/e"
declare -A measured stan_of data_of
for m in $models; do
  case $m in
    eight_schools_noncentered) stan=$peers/stan/eight_schools_noncentered.stan; data=$peers/stan/eight_schools.json ;;
    logistic_regression) stan=$peers/stan/logistic_regression.stan
      data=$root/elbo4j-cli/src/main/resources/org/elbo4j/cli/data/logistic_regression.json ;;
    logistic_regression_glm) # Stan at its best: the fused bernoulli_logit_glm; elbo4j and PyTorch as above
      stan=$peers/stan/logistic_regression_glm.stan
      data=$root/elbo4j-cli/src/main/resources/org/elbo4j/cli/data/logistic_regression.json ;;
    *) echo "unknown model $m" >&2; exit 2 ;;
  esac
  em=${m%_glm} # the elbo4j and PyTorch model
  Rscript "$peers/stan_advi_steps.R" "$stan" "$data" --steps 1000,100000 --reps 5 > "$out/stan_$m.json" 2> "$out/stan_$m.log"
  if [ -z "${measured[$em]:-}" ]; then # once per run: the glm row reuses the logistic_regression row's figures
    measured[$em]=1
    median_fork "$em" stan "$data"
    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$peers/torch_svi.py" "$em" "$data" --steps 20000 --threads 1 \
      > "$out/torch_$em.json" 2> "$out/torch_$em.log"
    median_fork "$em" torch "$data"
  fi
  stan_of[$m]=$stan; data_of[$m]=$data
  s=$(field "$out/stan_$m.json" marginal_us_per_step); e=$(field "$out/elbo4j_stan_$em.json" marginal_us_per_step)
  t=$(field "$out/torch_$em.json" marginal_us_per_step); et=$(field "$out/elbo4j_torch_$em.json" marginal_us_per_step)
  printf '%-26s %10.2f %10.2f %8.2f   %10.1f %10.2f %8.1f   %s\n' "$m" "$s" "$e" "$(echo "$s / $e" | bc -l)" \
    "$t" "$et" "$(echo "$t / $et" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)"
done

# ---- end to end, cold (see the header) ----
e2e_reps=${E2E_REPS:-5}
stan_reps=${E2E_STAN_REPS:-1}
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
wall() { # command... -> seconds on stdout; the command's stdout goes to $wall_out, its stderr is dropped
  local t0 t1; t0=$(date +%s.%N); "$@" > "$wall_out" 2>/dev/null; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l
}
ELBO4J_JVM_CACHE=sync "$root/elbo4j" --version >/dev/null 2>&1
echo
echo "end to end, one default fit (command to answer), seconds: median of $e2e_reps (Stan: of $stan_reps)"
printf '%-26s %9s %6s   %10s %9s %8s %8s   %10s %7s   %s\n' model elbo4j steps "stan" "(compile" "vb)" "s/e" \
  "torch" "t/e" "load (1 min)"
declare -A e2e_done
for m in $models; do
  em=${m%_glm}
  if [ -z "${e2e_done[$em]:-}" ]; then # elbo4j and PyTorch once per model (the glm row reuses them)
    e2e_done[$em]=1
    wall_out=$out/e2e_elbo4j_$em.txt
    "$root/elbo4j" fit "$em" --data "${data_of[$m]}" > "$wall_out" 2>/dev/null # unmeasured: page cache
    # the recipe's "total: N steps" line (all restarts and guides), else the one fit's "N steps"
    steps=$( (grep -o 'total: [0-9][0-9]* steps' "$wall_out" || grep -o '[0-9][0-9]* steps' "$wall_out") | head -1 \
      | grep -o '[0-9][0-9]*' | head -1 || true)
    tsteps=$(( ${steps:-1001} > 1001 ? ${steps:-1001} : 1001 ))
    : > "$out/e2e_elbo4j_$em.secs"; : > "$out/e2e_torch_$em.secs"
    for _ in $(seq 1 "$e2e_reps"); do
      wall_out=$out/e2e_elbo4j_$em.txt
      wall "$root/elbo4j" fit "$em" --data "${data_of[$m]}" >> "$out/e2e_elbo4j_$em.secs"
      wall_out=$out/e2e_torch_$em.json
      wall env OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$peers/torch_svi.py" "$em" "${data_of[$m]}" --steps "$tsteps" \
        --threads 1 >> "$out/e2e_torch_$em.secs"
    done
    e2e_e=$(median < "$out/e2e_elbo4j_$em.secs"); e2e_t=$(median < "$out/e2e_torch_$em.secs")
  fi
  : > "$out/e2e_stan_$m.secs"
  for _ in $(seq 1 "$stan_reps"); do
    wall_out=$out/e2e_stan_$m.json
    wall Rscript "$peers/stan_advi_e2e.R" "${stan_of[$m]}" "${data_of[$m]}" >> "$out/e2e_stan_$m.secs"
  done
  e2e_s=$(median < "$out/e2e_stan_$m.secs")
  printf '%-26s %9.2f %6s   %10.2f %9.2f %8.2f %8.1f   %10.2f %7.1f   %s\n' "$m" "$e2e_e" "$steps" "$e2e_s" \
    "$(field "$out/e2e_stan_$m.json" compile_s)" "$(field "$out/e2e_stan_$m.json" vb_s)" \
    "$(echo "$e2e_s / $e2e_e" | bc -l)" "$e2e_t" "$(echo "$e2e_t / $e2e_e" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)"
done
echo "(s/e, t/e: Stan's and PyTorch's time over elbo4j's; PyTorch ran elbo4j's number of steps, at least 1001)"
echo "raw results: $out"
