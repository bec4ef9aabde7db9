#!/usr/bin/env bash
# Runs every timing measurement of the peers, one after another (never in parallel: 2 cores), and writes
# the raw outputs into results/. The machine is shared: before each measurement the script waits (up to
# QUIET_WAIT seconds, default 600) until the 1-minute load average is below QUIET_LOAD (default 0.5), and
# every result records the load average it saw. Usage: bash run_timings.sh [stan] [svi] [vae]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
res=$here/results
data_lr=$here/../../elbo4j-cli/src/main/resources/org/elbo4j/cli/data/logistic_regression.json
data_es=$here/stan/eight_schools.json
mkdir -p "$res"
what=${*:-stan svi vae}

wait_quiet() {
  local waited=0 limit=${QUIET_WAIT:-600} max=${QUIET_LOAD:-0.5}
  while awk -v m="$max" '{exit !($1 >= m)}' /proc/loadavg && [ "$waited" -lt "$limit" ]; do
    sleep 10; waited=$((waited + 10))
  done
  echo "[run_timings] $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg) after waiting ${waited}s: $1" >&2
}

if [[ " $what " == *" stan "* ]]; then
  wait_quiet "stan eight schools"
  Rscript "$here/stan_advi_steps.R" "$here/stan/eight_schools_noncentered.stan" "$data_es" --reps 10 \
    > "$res/stan_advi_steps_eight_schools.json"
  wait_quiet "stan logistic regression"
  Rscript "$here/stan_advi_steps.R" "$here/stan/logistic_regression.stan" "$data_lr" --reps 3 \
    > "$res/stan_advi_steps_logistic_regression.json"
  wait_quiet "stan logistic regression (bernoulli_logit_glm)"
  Rscript "$here/stan_advi_steps.R" "$here/stan/logistic_regression_glm.stan" "$data_lr" --reps 3 \
    > "$res/stan_advi_steps_logistic_regression_glm.json"
fi

if [[ " $what " == *" svi "* ]]; then
  for dtype in float64 float32; do
    for model in eight_schools_noncentered logistic_regression; do
      data=$data_es; [ "$model" = logistic_regression ] && data=$data_lr
      wait_quiet "torch svi $model $dtype"
      OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$here/torch_svi.py" "$model" "$data" --steps 20000 --threads 1 \
        --dtype "$dtype" > "$res/torch_svi_${model}_${dtype}.json"
    done
  done
fi

if [[ " $what " == *" vae "* ]]; then
  # Thread split: torch intra-op threads x OpenBLAS threads, 4 epochs each, both dtypes, no test evaluation.
  out=$res/torch_vae_thread_split.jsonl
  : > "$out"
  for dtype in float64 float32; do
    for tt in 1 2; do
      for bt in 1 2; do
        wait_quiet "torch vae split $dtype torch=$tt openblas=$bt"
        /usr/bin/python3 "$here/torch_vae.py" --epochs 4 --dtype "$dtype" --torch-threads "$tt" \
          --openblas-threads "$bt" --skip-test | grep -E '"kind": "(config|summary)"' >> "$out"
      done
    done
  done
  for dtype in float64 float32; do
    wait_quiet "torch vae 20 epochs $dtype"
    /usr/bin/python3 "$here/torch_vae.py" --epochs 20 --dtype "$dtype" --torch-threads "${VAE_TORCH_THREADS:-1}" \
      --openblas-threads "${VAE_OPENBLAS_THREADS:-2}" > "$res/torch_vae_20epochs_${dtype}.jsonl"
  done
fi
