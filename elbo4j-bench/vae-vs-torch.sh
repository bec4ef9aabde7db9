#!/usr/bin/env bash
# elbo4j vs PyTorch on the same VAE, the same data and the same number of threads, one command:
#
#   bash elbo4j-bench/vae-vs-torch.sh [--epochs 20] [--threads 2] [--is-k 500] [--data IMAGES.idx.gz]
#                                     [--torch-split both|blas|intra] [--keep DIR]
#
# Model (both sides): 784-400-20 tanh MLP encoder (mean and log-variance heads) and decoder, Bernoulli likelihood,
# SGVB estimator B (analytic KL), L = 1, minibatch 100, Adam lr 1e-3, static binarisation (pixel/255 > 0.5), the
# first 8000 images train and the last 2000 test, float64. elbo4j runs with --init torch (PyTorch's nn.Linear
# initialisation U(+-1/sqrt(fan-in))) so that both start from the same distribution of weights.
#   elbo4j:  ./elbo4j vae --threads T            (T matrix-product threads)
#   PyTorch: elbo4j-bench/peers/torch_vae.py     (/usr/bin/python3, Debian's python3-torch 1.13 on OpenBLAS), with
#            T threads split two ways: "blas" = 1 torch thread x T OpenBLAS threads, "intra" = T torch threads x
#            1 OpenBLAS thread (which is faster depends on the machine and its load; both are reported, and the
#            ratio uses the faster one).
# Printed: seconds per training epoch (mean over epochs 2..N, the first being warm-up for both, and the fastest
# epoch), the test ELBO after N epochs, the importance-sampled test log-likelihood (K samples per image) and the
# ratios. Each run records the 1-minute load average before and after: the machine may be shared, so note it.
# Set QUIET_LOAD (e.g. 0.5) and QUIET_WAIT (seconds, default 0) to wait for a quiet machine before each run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
epochs=20
threads=2
isk=500
split=both
data=$root/elbo4j-cli/src/main/resources/org/elbo4j/cli/data/mnist10k-images-idx3-ubyte.gz
keep=
while [ $# -gt 0 ]; do
  case "$1" in
    --epochs) epochs=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --is-k) isk=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --torch-split) split=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "vae-vs-torch.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$split" in both|blas|intra) ;; *) echo "vae-vs-torch.sh: --torch-split must be both, blas or intra" >&2; exit 2 ;; esac
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  echo "vae-vs-torch.sh: PyTorch is missing: run 'sudo bash elbo4j-bench/peers/install.sh' first" >&2
  exit 1
fi
work=${keep:-$(mktemp -d /tmp/vae-vs-torch.XXXXXX)}
mkdir -p "$work"
load() { cut -d' ' -f1 /proc/loadavg; }
wait_quiet() {
  local waited=0 limit=${QUIET_WAIT:-0} max=${QUIET_LOAD:-0.5}
  while awk -v m="$max" '{exit !($1 >= m)}' /proc/loadavg && [ "$waited" -lt "$limit" ]; do
    sleep 10; waited=$((waited + 10))
  done
}

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; $(java -version 2>&1 | head -1); torch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)')"
echo "data: $data (first 8000 train, last 2000 test); $epochs epochs; $threads threads; K = $isk"

# elbo4j (the launcher builds the jar if needed; its build output goes to stderr)
"$root/elbo4j" --version >/dev/null
wait_quiet
l0=$(load)
"$root/elbo4j" vae --data "$data" --train 8000 --epochs "$epochs" --threads "$threads" --is-samples "$isk" \
  --init torch --seed 1 --quiet --out "$work/elbo4j" > "$work/elbo4j.txt"
echo "elbo4j: load $l0 before, $(load) after" > "$work/elbo4j.load"

run_torch() { # name torch_threads openblas_threads extra...
  local name=$1 tt=$2 bt=$3; shift 3
  wait_quiet
  local l0; l0=$(load)
  /usr/bin/python3 "$here/peers/torch_vae.py" --images "$data" --train 8000 --epochs "$epochs" --dtype float64 \
    --torch-threads "$tt" --openblas-threads "$bt" --is-k "$isk" "$@" > "$work/$name.jsonl"
  echo "$name: load $l0 before, $(load) after" > "$work/$name.load"
}
[ "$split" != intra ] && run_torch torch-blas 1 "$threads"
[ "$split" != blas ] && run_torch torch-intra "$threads" 1

/usr/bin/python3 - "$work" "$epochs" "$threads" "$isk" <<'EOF'
import csv, json, os, sys
work, epochs, threads, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def stats(secs):
    rest = secs[1:] if len(secs) > 1 else secs
    return sum(rest) / len(rest), min(secs)
rows = []
with open(os.path.join(work, "elbo4j", "metrics.csv")) as f:
    secs = [float(r["seconds"]) for r in csv.DictReader(f)]
s = json.load(open(os.path.join(work, "elbo4j", "summary.json")))["result"]
rows.append(("elbo4j, %d threads" % threads, *stats(secs), s["test_elbo"], s.get("is_log_likelihood", float("nan")),
             open(os.path.join(work, "elbo4j.load")).read().split(": ", 1)[1].strip()))
for name, label in (("torch-blas", "torch, 1 x %d OpenBLAS" % threads), ("torch-intra", "torch, %d x 1 OpenBLAS" % threads)):
    p = os.path.join(work, name + ".jsonl")
    if not os.path.exists(p):
        continue
    lines = [json.loads(l) for l in open(p)]
    secs = [l["seconds"] for l in lines if l["kind"] == "epoch"]
    summ = [l for l in lines if l["kind"] == "summary"][0]
    rows.append((label, *stats(secs), summ.get("test_elbo", float("nan")), summ.get("test_is_log_likelihood", float("nan")),
                 open(os.path.join(work, name + ".load")).read().split(": ", 1)[1].strip()))
print()
print("%-24s %14s %9s %11s %15s   %s" % ("", "s/epoch 2..%d" % epochs, "fastest", "test ELBO", "IS log p(x) K=%d" % k, "load"))
for r in rows:
    print("%-24s %14.3f %9.3f %11.2f %15.2f   %s" % r)
best = min(rows[1:], key=lambda r: r[1]) if len(rows) > 1 else None
if best:
    e = rows[0]
    print()
    print("ratio elbo4j / %s (seconds per epoch): %.2f   (fastest epochs: %.2f)" % (best[0], e[1] / best[1], e[2] / best[2]))
    print("test ELBO elbo4j - torch: %+.2f nats; IS log-likelihood elbo4j - torch: %+.2f nats" % (e[3] - best[3], e[4] - best[4]))
EOF
echo "raw outputs: $work"
