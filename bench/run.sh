#!/bin/sh
# Benchmark: the bare ICU baseline and segment, run one after the other in each round; prints
# throughput, the median of per-round ratios and peak RSS. Usage: bench/run.sh [SIZE_MB] [RUNS]
# (defaults 40 MB, 5 rounds). Needs: python3, /usr/bin/time (Debian package `time`), a C
# compiler, ICU. See bench/RESULTS.md for what each line means.
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
for n in 10 1000 10000; do python3 "$here/bench/gen_glossary.py" $n > "$work/g$n.yaml"; done
for n in 10 10000; do python3 "$here/bench/gen_names.py" $n > "$work/n$n.yaml"; done
bytes=$(wc -c < "$work/corpus.txt")

# t NAME CMD...: runs CMD (stdout discarded), appends "seconds maxrss_kb" to $work/NAME
t() {
  name=$1
  shift
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" > /dev/null
  cat "$work/t" >> "$work/$name"
}
cols="--columns doc,sent,text"

echo "corpus: $bytes bytes ($size MB), $runs rounds, $(nproc) cores"
for r in $(seq "$runs"); do
  t base sh -c "'$work/baseline' < '$work/corpus.txt'"
  t j1 $seg -g "$work/g1000.yaml" $cols "$work/corpus.txt"
  t j2 $seg -j 2 -g "$work/g1000.yaml" $cols "$work/corpus.txt"
  t g10 $seg -g "$work/g10.yaml" $cols "$work/corpus.txt"
  t g10000 $seg -g "$work/g10000.yaml" $cols "$work/corpus.txt"
  t n10 $seg -g "$work/n10.yaml" $cols "$work/corpus.txt"
  t n10000 $seg -g "$work/n10000.yaml" $cols "$work/corpus.txt"
  t base2 sh -c "'$work/baseline' < '$work/corpus.txt' > /dev/null & '$work/baseline' < '$work/corpus.txt' > /dev/null; wait"
done

med() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# the median with the lowest and highest per-round value: this machine's speed drifts within a run
spread() {
  sort -n | awk '{ a[NR] = $1 } END { printf "%.3f  (%.3f-%.3f over %d rounds)\n", a[int((NR + 1) / 2)], a[1], a[NR], NR }'
}
col() { awk -v c="$2" '{ print $c }' "$work/$1"; }
# ratio A B F: per-round value of F(a, b) from the seconds of A and B, then the median
ratio() { paste -d' ' "$work/$1" "$work/$2" | awk -v f="$3" '{ a = $1; b = $3; print (f == "div" ? a / b : 2 * a / b) }' | spread; }
mbs() { col "$1" 1 | med | awk -v n="$bytes" '{ printf "%.1f", n / $1 / 1048576 }'; }
rss() { col "$1" 2 | sort -n | tail -n1 | awk '{ printf "%.1f", $1 / 1024 }'; }

printf '%-44s %8s %9s\n' "variant" "MB/s" "RSS MiB"
printf '%-44s %8s %9s\n' "bare ICU baseline" "$(mbs base)" "$(rss base)"
printf '%-44s %8s %9s\n' "segment -g 1,000 terms, -j 1" "$(mbs j1)" "$(rss j1)"
printf '%-44s %8s %9s\n' "segment -g 1,000 terms, -j 2" "$(mbs j2)" "$(rss j2)"
printf '%-44s %8s %9s\n' "segment -g 10 terms" "$(mbs g10)" "$(rss g10)"
printf '%-44s %8s %9s\n' "segment -g 10,000 terms" "$(mbs g10000)" "$(rss g10000)"
printf '%-44s %8s %9s\n' "segment -g 10 names" "$(mbs n10)" "$(rss n10)"
printf '%-44s %8s %9s\n' "segment -g 10,000 names" "$(mbs n10000)" "$(rss n10000)"
echo "medians of per-round ratios:"
echo "  segment -j 1 vs bare ICU (baseline s / segment s):      $(ratio base j1 div)"
echo "  segment -j 2 vs -j 1 (speed-up):                        $(ratio j1 j2 div)"
echo "  two bare ICU processes at once vs one (machine scaling): $(ratio base base2 two)"
echo "  10,000-term vs 10-term glossary (cost):                 $(ratio g10000 g10 div)"
echo "  10,000 vs 10 names (bench/gen_names.py; cost):          $(ratio n10000 n10 div)"
