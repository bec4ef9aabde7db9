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
declare -A measured
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
  s=$(field "$out/stan_$m.json" marginal_us_per_step); e=$(field "$out/elbo4j_stan_$em.json" marginal_us_per_step)
  t=$(field "$out/torch_$em.json" marginal_us_per_step); et=$(field "$out/elbo4j_torch_$em.json" marginal_us_per_step)
  printf '%-26s %10.2f %10.2f %8.2f   %10.1f %10.2f %8.1f   %s\n' "$m" "$s" "$e" "$(echo "$s / $e" | bc -l)" \
    "$t" "$et" "$(echo "$t / $et" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)"
done
echo "raw results: $out"
