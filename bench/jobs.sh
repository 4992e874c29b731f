#!/bin/sh
# -j N against -j 1 on one corpus: each round runs every N in turn (paired), and the script
# prints per N the median wall time, the median per-round ratio to -j 1 (above 1: faster) and
# the median CPU time (user + system: a pool that spins shows it here even when the wall time
# hides it). Usage: bench/jobs.sh [SIZE_MB] [ROUNDS] [N...] (defaults 30 MB, 5 rounds,
# N = 1 2 4 8 64). Needs python3 and /usr/bin/time (Debian package `time`).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
size=${1:-30}
rounds=${2:-5}
shift 2 2>/dev/null || shift $#
jobs=${*:-1 2 4 8 64}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake -S "$here" -B "$here/build-bench" -DCMAKE_BUILD_TYPE=Release -DSEGMENT_TESTS=OFF >/dev/null
cmake --build "$here/build-bench" -j"$(nproc)" >/dev/null
seg=$here/build-bench/segment
python3 "$here/bench/gen_corpus.py" "$size" > "$work/corpus.txt"
python3 "$here/bench/gen_glossary.py" 1000 > "$work/g.yaml"
echo "corpus: $(wc -c < "$work/corpus.txt") bytes, $rounds rounds, $(nproc) cores"
for r in $(seq "$rounds"); do
  for n in $jobs; do
    /usr/bin/time -f "%e %U %S" -o "$work/t" "$seg" -j "$n" -g "$work/g.yaml" \
      --columns doc,sent,text "$work/corpus.txt" > "$work/out.$n"
    cat "$work/t" >> "$work/j$n"
  done
  for n in $jobs; do cmp -s "$work/out.1" "$work/out.$n" || { echo "-j $n output differs"; exit 1; }; done
done
med() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
printf '%-6s %10s %14s %12s\n' "-j" "wall s" "speed vs -j 1" "CPU s"
for n in $jobs; do
  wall=$(awk '{ print $1 }' "$work/j$n" | med)
  ratio=$(paste -d' ' "$work/j1" "$work/j$n" | awk '{ print $1 / $4 }' | med)
  cpu=$(awk '{ print $2 + $3 }' "$work/j$n" | med)
  printf '%-6s %10s %14.2f %12.2f\n' "$n" "$wall" "$ratio" "$cpu"
done
