#!/usr/bin/env bash
# Score a segment binary on this own-words probe set (news, government, wiki, blog, campus, TV pages):
# per-page P/R/F1, then the mean and the worst.  Same logic as /work/shared/eval/realweb/score.sh.
# usage: bench/probe4/score.sh path/to/segment [-v]   (-v lists misses and false positives)
set -u
seg=${1:?usage: score.sh SEGMENT [-v]}; shift
here=$(cd "$(dirname "$0")" && pwd); t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
docscore=${DOCSCORE:-$(cd "$(dirname "$0")" && pwd)/../../../shared/eval/realweb/docscore.py}
[ -f "$docscore" ] || docscore=/work/shared/eval/realweb/docscore.py
for gold in "$here"/*.gold; do
  b=$(basename "$gold" .gold)
  "$seg" --columns text "$here/$b.txt" >"$t/$b" 2>/dev/null || { echo "$b: segment failed"; continue; }
  echo "$b $(python3 "$docscore" "$gold" "$t/$b" "$@")"
done | tee "$t/all"
python3 - "$t/all" <<'PY'
import re, sys
fs = [float(m.group(1)) for m in (re.search(r'F1=([0-9.]+)', l) for l in open(sys.argv[1])) if m]
print(f'mean F1 {sum(fs)/len(fs):.4f} worst {min(fs):.4f} over {len(fs)} pages' if fs else 'no scores')
PY
