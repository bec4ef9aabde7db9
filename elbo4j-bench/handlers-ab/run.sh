#!/usr/bin/env bash
# A/B of the SVI step cost of two versions of elbo4j-core, in ONE JVM: both versions' classes are loaded side by
# side (two class loaders), warmed up 8 s, then run interleaved (who goes first alternates), and each run's thread
# CPU time per step is recorded, so the load of a shared machine inflates both alike. Prints the medians and the
# per-round ratios B/A. Used for the effect-handler stack (docs/handlers.md, "Cost").
#
#   elbo4j-bench/handlers-ab/run.sh BASE_COMMIT [ESTIMATOR] [STEPS] [ROUNDS]
#   e.g. elbo4j-bench/handlers-ab/run.sh 106f7d2 reparam 50000 12      (B = the working tree)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
base=${1:?base commit}; est=${2:-reparam}; steps=${3:-50000}; rounds=${4:-12}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
m2=${M2:-$HOME/.m2/repository}
cp="$m2/org/apache/commons/commons-numbers-gamma/1.2/commons-numbers-gamma-1.2.jar:$m2/org/apache/commons/commons-numbers-core/1.2/commons-numbers-core-1.2.jar"
build() { # $1 = source dir, $2 = output dir
    mkdir -p "$2"
    find "$1/elbo4j-core/src/main/java" -name '*.java' > "$tmp/files"
    javac -nowarn -XDsuppressNotes --add-modules jdk.incubator.vector -d "$2" -cp "$cp" @"$tmp/files" 2>&1 | grep -v '^warning\|^Note' || true
}
mkdir -p "$tmp/a-src" && git -C "$root" archive "$base" elbo4j-core/src/main | tar -x -C "$tmp/a-src"
build "$tmp/a-src" "$tmp/a"
build "$root" "$tmp/b"
mkdir -p "$tmp/steps" && javac -d "$tmp/steps" -cp "$tmp/a:$cp" "$root/elbo4j-bench/handlers-ab/Steps.java"
javac -d "$tmp" "$root/elbo4j-bench/handlers-ab/Interleave.java"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java --add-modules jdk.incubator.vector -Dsteps.dir="$tmp/steps" -Dextra.cp="$cp" -cp "$tmp" Interleave "$est" "$steps" "$rounds" "$tmp/a" "$tmp/b" 2>&1 | grep -v '^WARNING: Using incubator'
