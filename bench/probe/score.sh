#!/usr/bin/env bash
# Score a segment binary on the own-words probe pages (non-news page kinds): per-page P/R/F1,
# then the mean and the worst. Same logic as ../shared/eval/realweb/score.sh, run on this folder.
# usage: bench/probe/score.sh path/to/segment [-v]   (-v lists misses, false positives and duplicates)
# DOCSCORE=path overrides the scorer (default: the real-web dev set's docscore.py).
# REJECTED=DIR also writes each page's --rejected rows to DIR/NAME.rej.
set -u
seg=${1:?usage: score.sh SEGMENT [-v]}; shift
here=$(cd "$(dirname "$0")" && pwd); t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
docscore=${DOCSCORE:-$here/../../../shared/eval/realweb/docscore.py}
[ -f "$docscore" ] || docscore=/work/shared/eval/realweb/docscore.py
[ -r "$docscore" ] || { echo "score.sh: scorer $docscore not found (set DOCSCORE)" >&2; exit 2; }
for gold in "$here"/*.gold; do
  b=$(basename "$gold" .gold)
  rej=()
  [ -n "${REJECTED:-}" ] && { mkdir -p "$REJECTED"; rej=(--rejected "$REJECTED/$b.rej"); }
  "$seg" --columns text "${rej[@]}" "$here/$b.txt" >"$t/$b" 2>/dev/null || { echo "$b: segment failed"; continue; }
  echo "$b $(python3 "$docscore" "$gold" "$t/$b" "$@")"
done | tee "$t/all"
python3 - "$t/all" <<'PY'
import re, sys
fs = [float(m.group(1)) for m in (re.search(r'F1=([0-9.]+)', l) for l in open(sys.argv[1])) if m]
print(f'mean F1 {sum(fs)/len(fs):.4f} worst {min(fs):.4f} over {len(fs)} pages' if fs else 'no scores')
PY
