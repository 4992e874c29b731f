#!/bin/sh
# Aligns every document of the alignment development sets with the built binary and prints
# the scorer's summary per set. Usage: bench/align-eval.sh [SEGMENT_BIN] [EVAL_DIR]
# EVAL_DIR defaults to ../shared/eval/align (not part of this repository), beside the checkout
# or, from a git worktree, beside the main checkout. The rules of --no-filters are off: this
# measures the aligner's links before the pair rules drop any.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/build/segment}
eval_dir=${2:-$here/../shared/eval/align}
if [ $# -lt 2 ] && [ ! -d "$eval_dir" ]; then
  common=$(git -C "$here" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)
  [ -n "$common" ] && eval_dir=$(dirname "$common")/../shared/eval/align
fi
[ -d "$eval_dir" ] || { echo "no eval sets at $eval_dir" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for set in "$eval_dir"/*/; do
  name=$(basename "$set")
  [ -f "$set/manifest.tsv" ] || continue
  mkdir -p "$tmp/$name"
  start=$(date +%s.%N)
  for doc in "$set"d*/; do
    d=$(basename "$doc")
    # our ids are 1-based sentence numbers; the scorer's links are 0-based line numbers
    "$bin" --presegmented --unaligned --no-filters --columns src_ids,tgt_ids --target "$doc/doc.en.txt" \
      "$doc/doc.id.txt" |
      awk -F'\t' -v OFS='\t' '{ for (k = 1; k <= 2; k++) { n = split($k, a, ","); s = "";
          for (i = 1; i <= n; i++) s = s (i > 1 ? "," : "") (a[i] - 1); $k = s } print }' \
        > "$tmp/$name/$d.tsv"
  done
  end=$(date +%s.%N)
  echo "== $name ($(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f s", b - a }'))"
  python3 "$eval_dir/alignscore.py" "$set" "$tmp/$name" ${ALIGN_SCORE_ARGS:-}
done
