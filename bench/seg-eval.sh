#!/bin/sh
# Runs the segmentation development sets through the built binary and prints the scorer's line
# per set. Usage: bench/seg-eval.sh [SEGMENT_BIN] [EVAL_DIR]
# EVAL_DIR defaults to ../shared/eval/seg (the sets are not part of this repository).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/build/segment}
eval_dir=${2:-$here/../shared/eval/seg}
[ -d "$eval_dir" ] || { echo "no eval sets at $eval_dir" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for set in "$eval_dir"/*/; do
  name=$(basename "$set")
  [ -f "$set/input.txt" ] || continue
  for mode in default raw-icu; do
    flag=""
    [ "$mode" = raw-icu ] && flag=--raw-icu
    "$bin" $flag --columns text "$set/input.txt" > "$tmp/$name.$mode"
    printf '%-12s %-8s %s\n' "$name" "$mode" \
      "$(python3 "$eval_dir/segscore.py" "$set/gold.txt" "$tmp/$name.$mode" 2>/dev/null | head -n1)"
  done
done
