#!/usr/bin/env bash
# The issue-2 benchmark suite (JMH), one command:
#   bash elbo4j-bench/run-benchmarks.sh            # writes elbo4j-bench/results/jmh-*.json and prints the tables
# - FmaPeakBench: this CPU's attainable f64 FMA peak per core (the ceiling for GEMM), GFLOP/s
# - GemmBench: C[100×500] = op(A)[100×784]·op(B)[784×500], naive loop / Java kernel / Vector API kernel, 1 and 2
#   threads, the transpose variants the MLP backward pass uses, GFLOP/s
# - AutodiffBench: ns per op of a 1,000-op scalar chain (value + gradient); value + gradient of a logistic
#   regression log-likelihood (N=1000, D=10) in µs; of a 784-400-20 tanh MLP on a batch of 100 in ms
# The machine is shared: run it when nothing else does (the load average is printed before each suite).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/elbo4j-bench/results
mkdir -p "$out"
(cd "$root" && mvn -q -DskipTests package -pl elbo4j-bench -am)
jar=$root/elbo4j-bench/target/benchmarks.jar
run() {
  local name=$1; shift
  echo "== $name   (load: $(cut -d' ' -f1-3 /proc/loadavg); $(lscpu | sed -n 's/^Model name: *//p'))"
  # raw JMH output kept beside the JSON; only its closing table is printed
  # -Djmh.ignoreLock: JMH refuses to start while any other JMH runs on the machine; the load is printed instead
  java --add-modules jdk.incubator.vector -Djmh.ignoreLock=true -jar "$jar" "$@" -rf json -rff "$out/jmh-$name.json" > "$out/jmh-$name.txt" 2>&1 \
    || { echo "JMH failed: see $out/jmh-$name.txt" >&2; exit 1; }
  awk '/^Benchmark /{p=1} p' "$out/jmh-$name.txt"
}
run peak FmaPeakBench -f 1 -wi 3 -i 5 -w 1 -r 1
run gemm GemmBench -f 1 -wi 3 -i 5 -w 1 -r 1 -p variant=NN,TN,NT -p threads=1,2
run autodiff AutodiffBench -f 1 -wi 5 -i 5 -w 1 -r 1
