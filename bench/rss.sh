#!/bin/sh
# Peak memory against input size: streams 10 MB, 100 MB and 1 GB of generated news through a
# pipe into segment (1,000-term glossary, default columns) and prints the peak RSS of each run.
# The 1 GB stream repeats a 40 MB corpus; each copy is ~280,000 lines, far beyond the duplicate
# filter's window, so nothing is dropped as a repeat. Usage: bench/rss.sh [SIZES_MB...]
# Needs python3 and /usr/bin/time.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake -S "$here" -B "$here/build-bench" -DCMAKE_BUILD_TYPE=Release -DSEGMENT_TESTS=OFF >/dev/null
cmake --build "$here/build-bench" -j"$(nproc)" >/dev/null
seg=$here/build-bench/segment
python3 "$here/bench/gen_corpus.py" 40 > "$work/corpus.txt"
python3 "$here/bench/gen_glossary.py" 1000 > "$work/g1000.yaml"
[ $# -gt 0 ] || set -- 10 100 1024
printf '%-10s %-6s %10s %9s %9s\n' "input" "jobs" "rows" "seconds" "RSS MiB"
for mb in "$@"; do
  for j in 1 2; do
    # `yes` of the file name feeds cat forever; head cuts the stream at the size asked for
    yes "$work/corpus.txt" | xargs cat 2>/dev/null | head -c "$((mb * 1048576))" |
      /usr/bin/time -f "%e %M" -o "$work/t" "$seg" -j "$j" -g "$work/g1000.yaml" - |
      wc -l > "$work/rows"
    set -- $(cat "$work/t")
    printf '%-10s %-6s %10s %9s %9.1f\n' "${mb} MB" "$j" "$(cat "$work/rows")" "$1" \
      "$(awk -v k="$2" 'BEGIN { print k / 1024 }')"
  done
done
