#!/usr/bin/env bash
# End-to-end (cold) time of whole commands, side by side and interleaved, as medians:
#
#   bash elbo4j-bench/cold-start.sh [--reps 5] [--warmup 1] NAME 'COMMAND' [NAME 'COMMAND' ...]
#
# e.g.  bash elbo4j-bench/cold-start.sh --reps 7 \
#         old 'ELBO4J_CACHE=off ./elbo4j fit eight_schools_noncentered' \
#         new './elbo4j fit eight_schools_noncentered'
#
# Each repetition runs every command once, in turn (A B C A B C ...), so that a change in the machine's load hits
# all of them alike. Every command first runs --warmup times unmeasured (page cache, a cache the launcher builds
# on first use). Each run is timed with /usr/bin/time (wall, user and system CPU seconds); stdout and stderr go to
# /dev/null. Printed per command: the median wall time, the median CPU time (user + system: less sensitive to
# other processes than wall time on a shared machine), min and max wall, and the 1-minute load average seen at
# the start of each of its runs (median). Ratios are against the first command. Commands run with bash -c from
# the current directory.
set -euo pipefail
reps=5
warmup=1
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
if [ $# -lt 2 ] || [ $(( $# % 2 )) -ne 0 ]; then
  echo "cold-start.sh: expected NAME 'COMMAND' pairs (see --help)" >&2
  exit 2
fi
names=(); cmds=()
while [ $# -gt 0 ]; do names+=("$1"); cmds+=("$2"); shift 2; done
work=$(mktemp -d /tmp/cold-start.XXXXXX)
trap 'rm -rf "$work"' EXIT
for i in "${!cmds[@]}"; do
  for _ in $(seq 1 "$warmup"); do bash -c "${cmds[$i]}" >/dev/null 2>&1 || true; done
done
for r in $(seq 1 "$reps"); do
  for i in "${!cmds[@]}"; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    if ! /usr/bin/time -f '%e %U %S' -o "$work/t" bash -c "${cmds[$i]}" >/dev/null 2>&1; then
      echo "cold-start.sh: '${names[$i]}' failed (run it by hand to see why): ${cmds[$i]}" >&2
      exit 1
    fi
    read -r wall user sys < "$work/t"
    echo "$wall $(echo "$user + $sys" | bc -l) $load" >> "$work/$i"
  done
done
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
printf '%-16s %9s %9s %9s %9s %7s %7s   %s\n' "" "wall (s)" "CPU (s)" "min wall" "max wall" "wall/1" "CPU/1" "load (median)"
w0=; c0=
for i in "${!cmds[@]}"; do
  w=$(cut -d' ' -f1 "$work/$i" | median); c=$(cut -d' ' -f2 "$work/$i" | median)
  lo=$(cut -d' ' -f1 "$work/$i" | sort -g | head -1); hi=$(cut -d' ' -f1 "$work/$i" | sort -g | tail -1)
  l=$(cut -d' ' -f3 "$work/$i" | median)
  [ -z "$w0" ] && { w0=$w; c0=$c; }
  printf '%-16s %9.3f %9.3f %9.3f %9.3f %7.2f %7.2f   %s\n' "${names[$i]}" "$w" "$c" "$lo" "$hi" \
    "$(echo "$w / $w0" | bc -l)" "$(echo "$c / $c0" | bc -l)" "$l"
done
echo "$reps interleaved repetitions each after $warmup unmeasured; $(nproc) CPUs; load now $(cut -d' ' -f1-3 /proc/loadavg)"
