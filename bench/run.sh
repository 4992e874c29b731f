#!/bin/sh
# Benchmark: bare ICU baseline vs segment, run alternately; prints throughput, median ratios
# and peak RSS. Usage: bench/run.sh [SIZE_MB] [RUNS]   (defaults 40 MB, 5 runs)
# Needs: python3, /usr/bin/time (Debian package `time`), a C compiler, ICU.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
size=${1:-40}
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake -S "$here" -B "$here/build-bench" -DCMAKE_BUILD_TYPE=Release -DSEGMENT_TESTS=OFF >/dev/null
cmake --build "$here/build-bench" -j"$(nproc)" >/dev/null
seg=$here/build-bench/segment
cc -O2 -o "$work/baseline" "$here/bench/baseline.c" $(pkg-config --cflags --libs icu-uc icu-i18n)
python3 "$here/bench/gen_corpus.py" "$size" > "$work/corpus.txt"
python3 "$here/bench/gen_glossary.py" 10 > "$work/g10.yaml"
python3 "$here/bench/gen_glossary.py" 1000 > "$work/g1000.yaml"
python3 "$here/bench/gen_glossary.py" 10000 > "$work/g10000.yaml"
bytes=$(wc -c < "$work/corpus.txt")

# one timed run: prints "seconds maxrss_kb"
t() { /usr/bin/time -f "%e %M" -o "$work/t" "$@" > /dev/null; cat "$work/t"; }

echo "corpus: $bytes bytes ($size MB), $runs runs, $(nproc) cores"
printf '%-34s %8s %8s %9s\n' variant "MB/s" "ratio" "RSS MiB"
for variant in "base" "j1:-g $work/g1000.yaml" "j2:-j 2 -g $work/g1000.yaml" \
               "g10:-g $work/g10.yaml" "g10000:-g $work/g10000.yaml"; do
  name=${variant%%:*}
  args=${variant#*:}
  [ "$name" = base ] && continue
  : > "$work/ratios"
  : > "$work/mbs"
  rss=0
  for r in $(seq "$runs"); do
    set -- $(t "$work/baseline" < "$work/corpus.txt" 2>/dev/null || t sh -c "'$work/baseline' < '$work/corpus.txt'")
    bsec=$1
    set -- $(t $seg $args --columns doc,sent,text "$work/corpus.txt")
    ssec=$1
    [ "$2" -gt "$rss" ] && rss=$2
    awk -v b="$bsec" -v s="$ssec" 'BEGIN { printf "%.4f\n", b / s }' >> "$work/ratios"
    awk -v n="$bytes" -v s="$ssec" 'BEGIN { printf "%.2f\n", n / s / 1048576 }' >> "$work/mbs"
  done
  med() { sort -n "$1" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
  printf '%-34s %8s %8s %9.1f\n' "$name ($args)" "$(med "$work/mbs")" "$(med "$work/ratios")" \
    "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')"
done
set -- $(sh -c "/usr/bin/time -f '%e %M' '$work/baseline' < '$work/corpus.txt' > /dev/null" 2>&1)
printf '%-34s %8.2f %8s %9.1f\n' "baseline (bare ICU)" "$(awk -v n="$bytes" -v s="$1" 'BEGIN { print n / s / 1048576 }')" "1" \
  "$(awk -v k="$2" 'BEGIN { print k / 1024 }')"
echo "ratio = baseline seconds / segment seconds, median of per-pair ratios (higher is better)"
