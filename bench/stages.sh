#!/bin/sh
# Instructions per stage: runs segment once under callgrind on the generated 4 MB corpus with a
# 1,000-term glossary (`--columns doc,sent,text`, as bench/run.sh does) and prints, for each
# stage, the instructions of its entry function with everything it calls (callgrind's
# inclusive count) and per input byte; the baseline (bench/baseline.c) the same way. Stages
# overlap nowhere: each row is a function the flow calls once per line, sentence or row.
# Usage: bench/stages.sh [SEGMENT] [SIZE_MB]   (default: a RelWithDebInfo build in
# build-prof, 4 MB). Needs valgrind, python3, a C compiler and ICU.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
size=${2:-4}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ $# -ge 1 ]; then
  seg=$1
else
  cmake -S "$here" -B "$here/build-prof" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSEGMENT_TESTS=OFF >/dev/null
  cmake --build "$here/build-prof" -j"$(nproc)" --target segment >/dev/null
  seg=$here/build-prof/segment
fi
python3 "$here/bench/gen_corpus.py" "$size" > "$work/c.txt"
python3 "$here/bench/gen_glossary.py" 1000 > "$work/g.yaml"
bytes=$(wc -c < "$work/c.txt")
valgrind --tool=callgrind --callgrind-out-file="$work/cg" "$seg" -g "$work/g.yaml" \
  --columns doc,sent,text "$work/c.txt" > /dev/null 2> "$work/log"
callgrind_annotate --inclusive=yes --threshold=100 "$work/cg" > "$work/incl" 2>/dev/null
cc -O2 -o "$work/baseline" "$here/bench/baseline.c" $(pkg-config --cflags --libs icu-uc icu-i18n)
valgrind --tool=callgrind --callgrind-out-file="$work/cgb" "$work/baseline" < "$work/c.txt" \
  > /dev/null 2> "$work/logb"

# inclusive FUNCTION-REGEX: the largest inclusive count of a function whose name matches
inclusive() {
  awk -v re="$1" '{ n = $1; gsub(",", "", n); name = $0; sub(/^[ 0-9,]*\([ 0-9.%]*\) */, "", name)
    sub(/ \[.*/, "", name); sub(/^.*:/, "", name); sub(/[.'"'"'].*$/, "", name)
    if (name ~ ("^(" re ")$") && n + 0 > best) best = n + 0 } END { print best + 0 }' "$work/incl"
}
total=$(sed -n 's/.*refs: *//p' "$work/log" | tr -d ,)
base=$(sed -n 's/.*refs: *//p' "$work/logb" | tr -d ,)
row() { printf '%-44s %10.1f M %8.1f\n' "$1" "$(echo "$2" | awk '{ print $1 / 1e6 }')" \
  "$(echo "$2 $bytes" | awk '{ print $1 / $2 }')"; }
echo "corpus: $bytes bytes; $seg"
printf '%-44s %12s %8s\n' "stage (entry function, inclusive)" "instructions" "per byte"
row "read and decode (seg_reader_next)" "$(inclusive seg_reader_next)"
row "normalize (seg_unorm_line)" "$(inclusive seg_unorm_line)"
row "boilerplate phrases (lexicon_reason)" "$(inclusive lexicon_reason)"
row "line classifier (seg_classify_features)" "$(inclusive seg_classify_features)"
row "context and joining (seg_cleaner_decide)" "$(inclusive seg_cleaner_decide)"
row "sentence splitter (seg_splitter_split)" "$(inclusive seg_splitter_split)"
row "glossary (seg_terms_apply)" "$(inclusive seg_terms_apply)"
row "sentence rules (take_sentence)" "$(inclusive take_sentence)"
row "row writer (seg_row_format)" "$(inclusive seg_row_format)"
row "all processing (seg_flow_run)" "$(inclusive seg_flow_run)"
row "whole program (loading included)" "$total"
row "bare ICU program, whole" "$base"
