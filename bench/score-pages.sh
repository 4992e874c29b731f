#!/usr/bin/env bash
# Score a segment binary on a folder of pages with gold (NAME.txt, NAME.gold), with the scorer and
# output of ../shared/eval/realweb/score.sh: per-page P/R/F1, then the mean and the worst.
# usage: bench/score-pages.sh DIR path/to/segment [-v]   (-v lists misses, false positives and
# duplicates). Each page folder's score.sh calls this with its own folder.
# The scorer is not copied here: DOCSCORE, else ../shared/eval/realweb/docscore.py beside the
# repository, else /work/shared/eval/realweb/docscore.py. REJECTED=DIR also writes each page's
# --rejected rows to DIR/NAME.rej.
set -u
dir=${1:?usage: score-pages.sh DIR SEGMENT [-v]}; shift
seg=${1:?usage: score-pages.sh DIR SEGMENT [-v]}; shift
here=$(cd "$(dirname "$0")" && pwd)
doc=${DOCSCORE:-$here/../../shared/eval/realweb/docscore.py}
[ -f "$doc" ] || doc=/work/shared/eval/realweb/docscore.py
[ -f "$doc" ] || { echo "score-pages.sh: docscore.py not found (set DOCSCORE)" >&2; exit 1; }
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
for gold in "$dir"/*.gold; do
  b=$(basename "$gold" .gold)
  rej=()
  [ -n "${REJECTED:-}" ] && { mkdir -p "$REJECTED"; rej=(--rejected "$REJECTED/$b.rej"); }
  "$seg" --columns text "${rej[@]}" "$dir/$b.txt" >"$t/$b" 2>/dev/null || { echo "$b: segment failed"; continue; }
  echo "$b $(python3 "$doc" "$gold" "$t/$b" "$@")"
done | tee "$t/all"
python3 - "$t/all" <<'PY'
import re, sys
fs = [float(m.group(1)) for m in (re.search(r'F1=([0-9.]+)', l) for l in open(sys.argv[1])) if m]
print(f'mean F1 {sum(fs)/len(fs):.4f} worst {min(fs):.4f} over {len(fs)} pages' if fs else 'no scores')
PY
