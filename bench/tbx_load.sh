#!/bin/sh
# TBX load benchmark: generates a 10,000-entry TBX termbase (bench/gen_tbx.py) and the same
# glossary as YAML, and loads each with bench/load_glossary.c under /usr/bin/time -v (wall time
# of the load as the driver measures it, and the process's peak RSS), then 10x the entries for
# memory. Release build in build-bench. Usage: bench/tbx_load.sh [ENTRIES]   Needs python3 and
# /usr/bin/time.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake -S "$here" -B "$here/build-bench" -DCMAKE_BUILD_TYPE=Release -DSEGMENT_TESTS=ON >/dev/null
cmake --build "$here/build-bench" -j2 --target load_glossary >/dev/null
drv=$here/build-bench/load_glossary
python3 "$here/bench/gen_tbx.py" "$n" > "$work/terms.tbx"
python3 "$here/bench/gen_tbx.py" "$n" --yaml > "$work/terms.yaml"
printf '%-9s %10s %9s %10s\n' file bytes "load ms" "RSS MiB"
for f in terms.tbx terms.yaml; do
  for round in 1 2 3; do
    /usr/bin/time -v "$drv" "$work/$f" 2> "$work/t" >/dev/null
    ms=$(sed -n 's/.* terms in \([0-9.]*\) ms/\1/p' "$work/t")
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/t")
    printf '%-9s %10s %9s %10.1f\n' "${f#terms.}" "$(wc -c < "$work/$f")" "$ms" \
      "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')"
  done
done
# Memory with 10x the entries: all distinct (the glossary grows tenfold) and the same 10 repeated
# (the glossary does not: the RSS left is the parser's, which holds one chunk and one entry)
python3 "$here/bench/gen_tbx.py" $((n * 10)) > "$work/distinct.tbx"
python3 "$here/bench/gen_tbx.py" $((n * 10)) --distinct 10 > "$work/repeat10.tbx"
for f in distinct.tbx repeat10.tbx; do
  /usr/bin/time -v "$drv" "$work/$f" 2> "$work/t" >/dev/null
  printf '%-9s %10s %9s %10.1f  (%s terms)\n' "${f%.tbx}" "$(wc -c < "$work/$f")" \
    "$(sed -n 's/.* terms in \([0-9.]*\) ms/\1/p' "$work/t")" \
    "$(awk -v k="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/t")" 'BEGIN { print k / 1024 }')" \
    "$(sed -n 's/ terms in .*//p' "$work/t")"
  rm "$work/$f"
done
# the empty program's RSS (ICU and libxml2 loaded, no glossary), for reference
/usr/bin/time -v "$drv" 2> "$work/t" >/dev/null
printf '%-9s %10s %9s %10.1f\n' none 0 "-" \
  "$(awk -v k="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/t")" 'BEGIN { print k / 1024 }')"
