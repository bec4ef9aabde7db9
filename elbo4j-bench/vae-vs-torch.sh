#!/usr/bin/env bash
# elbo4j vs PyTorch on the same VAE, the same data and the same number of threads, one command:
#
#   bash elbo4j-bench/vae-vs-torch.sh [--epochs 20] [--threads 2] [--is-k 500] [--data IMAGES.idx.gz]
#                                     [--torch-split both|blas|intra] [--keep DIR] [--no-like-for-like]
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
# Printed, cold beside warm: the first epoch (cold: JIT warm-up for elbo4j, first-touch for both), seconds per
# epoch over epochs 2..N (warm) and the fastest epoch, the training time (sum of all N epochs), the time from the
# start of the command to the end of the last epoch (JVM start / Python + import torch, data loading, all epochs
# with elbo4j's per-epoch test ELBO: stamped on the line each prints at the end of an epoch), the whole command
# (+ the final test ELBO and importance-sampled log-likelihood), the test ELBO after N epochs, the
# importance-sampled test log-likelihood (K samples per image) and the ratios. elbo4j runs twice: as a user runs it
# (a test ELBO on the test images after every epoch, which torch_vae.py does not compute) and like for like with
# PyTorch (--eval-every 0: the test ELBO only at the end, as torch_vae.py; the same training bits); the ratios are
# printed for both. --no-like-for-like skips the second run. Each run records the 1-minute
# load average before and after: the machine may be shared, so note it. elbo4j runs as a user runs it, through
# ./elbo4j (with its class-data archive, built first if missing: ELBO4J_JVM_CACHE=sync on the warm-up call).
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
like=1
while [ $# -gt 0 ]; do
  case "$1" in
    --epochs) epochs=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --is-k) isk=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --torch-split) split=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    --no-like-for-like) like=0; shift ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
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

# Prefixes each line with the time it arrived (seconds since the epoch), so that the end of every epoch is known.
stamp() { local l; while IFS= read -r l; do printf '%s %s\n' "$(date +%s.%N)" "$l"; done; }

# elbo4j (the launcher builds the jar and its class-data archive if needed; its build output goes to stderr)
ELBO4J_JVM_CACHE=sync "$root/elbo4j" --version >/dev/null
run_elbo4j() { # name extra...
  local name=$1; shift
  wait_quiet
  local l0; l0=$(load)
  date +%s.%N > "$work/$name.start"
  "$root/elbo4j" vae --data "$data" --train 8000 --epochs "$epochs" --threads "$threads" --is-samples "$isk" \
    --init torch --seed 1 --quiet --out "$work/$name" "$@" | stamp > "$work/$name.txt"
  date +%s.%N > "$work/$name.end"
  echo "$name: load $l0 before, $(load) after" > "$work/$name.load"
}
run_elbo4j elbo4j
[ "$like" = 1 ] && run_elbo4j elbo4j-like --eval-every 0

run_torch() { # name torch_threads openblas_threads extra...
  local name=$1 tt=$2 bt=$3; shift 3
  wait_quiet
  local l0; l0=$(load)
  date +%s.%N > "$work/$name.start"
  /usr/bin/python3 "$here/peers/torch_vae.py" --images "$data" --train 8000 --epochs "$epochs" --dtype float64 \
    --torch-threads "$tt" --openblas-threads "$bt" --is-k "$isk" "$@" | stamp > "$work/$name.jsonl"
  date +%s.%N > "$work/$name.end"
  echo "$name: load $l0 before, $(load) after" > "$work/$name.load"
}
[ "$split" != intra ] && run_torch torch-blas 1 "$threads"
[ "$split" != blas ] && run_torch torch-intra "$threads" 1

/usr/bin/python3 - "$work" "$epochs" "$threads" "$isk" <<'EOF'
import csv, json, os, sys
work, epochs, threads, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def stamped(name):
    """(arrival time, text) of each stdout line of a run."""
    out = []
    for l in open(os.path.join(work, name)):
        t, _, text = l.rstrip("\n").partition(" ")
        out.append((float(t), text))
    return out
def times(name):
    """(start, end) of a run's command, seconds since the epoch."""
    return (float(open(os.path.join(work, name + ".start")).read()), float(open(os.path.join(work, name + ".end")).read()))
def row(label, secs, last_epoch_at, start, end, elbo, ll, load):
    rest = secs[1:] if len(secs) > 1 else secs
    return dict(label=label, first=secs[0], warm=sum(rest) / len(rest), fastest=min(secs), train=sum(secs),
                to_last=last_epoch_at - start, whole=end - start, elbo=elbo, ll=ll, load=load)
rows = []
for name, label in (("elbo4j", "elbo4j, %d threads" % threads), ("elbo4j-like", "elbo4j, --eval-every 0")):
    if not os.path.exists(os.path.join(work, name + ".txt")):
        continue
    with open(os.path.join(work, name, "metrics.csv")) as f:
        secs = [float(r["seconds"]) for r in csv.DictReader(f)]
    s = json.load(open(os.path.join(work, name, "summary.json")))["result"]
    lines = stamped(name + ".txt")
    last = [t for t, text in lines if text.lstrip().startswith("epoch") and ("%d/%d" % (epochs, epochs)) in text]
    start, end = times(name)
    rows.append(row(label, secs, last[-1] if last else float("nan"), start, end, s["test_elbo"],
                    s.get("is_log_likelihood", float("nan")),
                    open(os.path.join(work, name + ".load")).read().split(": ", 1)[1].strip()))
n_elbo4j = len(rows)
for name, label in (("torch-blas", "torch, 1 x %d OpenBLAS" % threads), ("torch-intra", "torch, %d x 1 OpenBLAS" % threads)):
    p = os.path.join(work, name + ".jsonl")
    if not os.path.exists(p):
        continue
    lines = [(t, json.loads(text)) for t, text in stamped(name + ".jsonl")]
    secs = [l["seconds"] for _, l in lines if l["kind"] == "epoch"]
    last = [t for t, l in lines if l["kind"] == "epoch"][-1]
    summ = [l for _, l in lines if l["kind"] == "summary"][0]
    start, end = times(name)
    rows.append(row(label, secs, last, start, end, summ.get("test_elbo", float("nan")),
                    summ.get("test_is_log_likelihood", float("nan")),
                    open(os.path.join(work, name + ".load")).read().split(": ", 1)[1].strip()))
print()
print("%-24s %8s %10s %8s %10s %11s %9s %10s %15s   %s" % ("", "epoch 1", "s/ep 2..%d" % epochs, "fastest",
      "train sum", "to last ep", "command", "test ELBO", "IS log p(x) K=%d" % k, "load"))
for r in rows:
    print("%-24s %8.2f %10.3f %8.3f %10.2f %11.2f %9.2f %10.2f %15.2f   %s" % (r["label"], r["first"], r["warm"],
          r["fastest"], r["train"], r["to_last"], r["whole"], r["elbo"], r["ll"], r["load"]))
json.dump(rows, open(os.path.join(work, "rows.json"), "w"), indent=1)  # for cold-targets.sh (elbo4j rows first)
torch_rows = rows[n_elbo4j:]
if torch_rows:
    best = min(torch_rows, key=lambda r: r["warm"])
    for e in rows[:n_elbo4j]:
        print()
        print("%s / %s:" % (e["label"], best["label"]))
        print("  seconds per epoch 2..%d: %.2f x   (fastest epochs: %.2f x)" % (epochs, e["warm"] / best["warm"],
              e["fastest"] / best["fastest"]))
        print("  cold: first epoch %.2f x; training (all %d epochs) %.2f x; start of the command to the last epoch "
              "%.2f x; whole command %.2f x" % (e["first"] / best["first"], epochs, e["train"] / best["train"],
                                                e["to_last"] / best["to_last"], e["whole"] / best["whole"]))
        print("  test ELBO elbo4j - torch: %+.2f nats; IS log-likelihood elbo4j - torch: %+.2f nats"
              % (e["elbo"] - best["elbo"], e["ll"] - best["ll"]))
EOF
echo "raw outputs: $work"
