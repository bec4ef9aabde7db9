#!/usr/bin/env bash
# Runs every timing measurement of the peers, one after another (never in parallel: 2 cores), and writes
# the raw outputs into results/. The machine is shared: before each measurement the script waits (up to
# QUIET_WAIT seconds, default 600) until the CPUs were QUIET_IDLE % (default 85) idle over 5 s, and every
# result records the load average it saw.
# Usage: bash run_timings.sh [stan] [svi] [vae | vae-split | vae-20]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
res=$here/results
data_lr=$here/../../elbo4j-cli/src/main/resources/org/elbo4j/cli/data/logistic_regression.json
data_es=$here/stan/eight_schools.json
mkdir -p "$res"
what=${*:-stan svi vae}

# Idle share of all CPUs over the next 5 seconds, in percent (from /proc/stat).
idle_pct() {
  local a b
  a=($(head -1 /proc/stat)); sleep 5; b=($(head -1 /proc/stat))
  local total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  echo $(( 100 * (b[4] + b[5] - a[4] - a[5]) / (total > 0 ? total : 1) ))
}

# Waits (up to QUIET_WAIT seconds, default 600) until the CPUs were at least QUIET_IDLE percent idle
# (default 85) over 5 seconds, then logs what it saw.
wait_quiet() {
  local waited=0 limit=${QUIET_WAIT:-600} min=${QUIET_IDLE:-85} idle
  idle=$(idle_pct)
  while [ "$idle" -lt "$min" ] && [ "$waited" -lt "$limit" ]; do
    idle=$(idle_pct); waited=$((waited + 5))
  done
  echo "[run_timings] $(date +%T) idle ${idle}% load $(cut -d' ' -f1-3 /proc/loadavg) after waiting ${waited}s: $1" >&2
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

# vae = a fresh thread-split file, then vae-split and vae-20; vae-split appends rounds to it.
out_split=$res/torch_vae_thread_split.jsonl
if [[ " $what " == *" vae "* ]]; then
  : > "$out_split"
  what="$what vae-split vae-20"
fi

if [[ " $what " == *" vae-split "* ]]; then
  # Thread split: torch intra-op threads x OpenBLAS threads, 3 epochs each, both dtypes, no test
  # evaluation, SPLIT_ROUNDS (default 3) interleaved rounds; summarize.py takes the fastest epoch per setting.
  for round in $(seq 1 "${SPLIT_ROUNDS:-3}"); do
    for dtype in float64 float32; do
      for tt in 1 2; do
        for bt in 1 2; do
          wait_quiet "torch vae split round $round $dtype torch=$tt openblas=$bt"
          /usr/bin/python3 "$here/torch_vae.py" --epochs 3 --dtype "$dtype" --torch-threads "$tt" \
            --openblas-threads "$bt" --skip-test | grep -E '"kind": "(config|summary)"' >> "$out_split"
        done
      done
    done
  done
fi

if [[ " $what " == *" vae-20 "* ]]; then
  for dtype in ${VAE_DTYPES:-float64 float32}; do
    wait_quiet "torch vae 20 epochs $dtype"
    /usr/bin/python3 "$here/torch_vae.py" --epochs 20 --dtype "$dtype" --torch-threads "${VAE_TORCH_THREADS:-1}" \
      --openblas-threads "${VAE_OPENBLAS_THREADS:-2}" > "$res/torch_vae_20epochs_${dtype}.jsonl"
  done
fi
