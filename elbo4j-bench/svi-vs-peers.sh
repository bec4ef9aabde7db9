#!/usr/bin/env bash
# SVI step cost side by side, in one run: Stan's ADVI (rstan, C++ -O3), elbo4j, and a Pyro-style PyTorch loop,
# on eight schools (non-centered) and logistic regression (N=1000, D=10), printed as µs/step and ratios.
#
#   bash elbo4j-bench/svi-vs-peers.sh            # both models
#   bash elbo4j-bench/svi-vs-peers.sh eight_schools_noncentered
#
# Needs the peers (bash elbo4j-bench/peers/install.sh, as root: r-cran-rstan, python3-torch, OpenBLAS).
# All three measure the marginal cost per step, (T(100k steps) − T(1k steps)) / 99k, with the ELBO evaluated every
# 100 steps with 100 draws (Stan's defaults) — see SviSteps.java, peers/stan_advi_steps.R, peers/torch_svi.py.
# Each side runs alone, one after another, on a machine that should otherwise be quiet (the load is recorded).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
peers=$root/elbo4j-bench/peers
out=${OUT:-$root/elbo4j-bench/results}
mkdir -p "$out"
models=${*:-eight_schools_noncentered logistic_regression}
command -v Rscript >/dev/null || { echo "Rscript not found: run 'sudo bash elbo4j-bench/peers/install.sh' first" >&2; exit 1; }
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "PyTorch not found: run 'sudo bash elbo4j-bench/peers/install.sh' first" >&2; exit 1; }
(cd "$root" && mvn -q -DskipTests package -pl elbo4j-bench -am)
jar=$root/elbo4j-bench/target/benchmarks.jar
field() { /usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }
printf '%-28s %12s %12s %12s %14s %14s   %s\n' model "stan us/step" "elbo4j" "torch" "stan/elbo4j" "torch/elbo4j" "load (1 min)"
for m in $models; do
  case $m in
    eight_schools_noncentered) stan=$peers/stan/eight_schools_noncentered.stan; data=$peers/stan/eight_schools.json ;;
    logistic_regression) stan=$peers/stan/logistic_regression.stan
      data=$root/elbo4j-cli/src/main/resources/org/elbo4j/cli/data/logistic_regression.json ;;
    *) echo "unknown model $m" >&2; exit 2 ;;
  esac
  Rscript "$peers/stan_advi_steps.R" "$stan" "$data" --steps 1000,100000 --reps 5 > "$out/stan_$m.json" 2> "$out/stan_$m.log"
  java --add-modules jdk.incubator.vector -cp "$jar" org.elbo4j.bench.SviSteps "$m" --data "$data" --reps 5 \
    > "$out/elbo4j_$m.json" 2> /dev/null
  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$peers/torch_svi.py" "$m" "$data" --steps 20000 --threads 1 \
    > "$out/torch_$m.json" 2> "$out/torch_$m.log"
  s=$(field "$out/stan_$m.json" marginal_us_per_step); e=$(field "$out/elbo4j_$m.json" marginal_us_per_step)
  t=$(field "$out/torch_$m.json" marginal_us_per_step)
  printf '%-28s %12.2f %12.2f %12.1f %14.2f %14.1f   %s\n' "$m" "$s" "$e" "$t" \
    "$(echo "$s / $e" | bc -l)" "$(echo "$t / $e" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)"
done
echo "raw results: $out"
