#!/usr/bin/env bash
# Score a segment binary on the own-words probe pages (second batch) in this folder, with the same
# scorer and output as ../shared/eval/realweb/score.sh: per-page P/R/F1, then the mean and the worst.
# usage: bench/probe2/score.sh path/to/segment [-v]   (-v lists misses and false positives)
# The scorer is not copied here: DOCSCORE, else ../shared/eval/realweb/docscore.py beside the
# repository, else /work/shared/eval/realweb/docscore.py.
set -u
seg=${1:?usage: score.sh SEGMENT [-v]}; shift
here=$(cd "$(dirname "$0")" && pwd)
doc=${DOCSCORE:-$here/../../../shared/eval/realweb/docscore.py}
[ -f "$doc" ] || doc=/work/shared/eval/realweb/docscore.py
[ -f "$doc" ] || { echo "score.sh: docscore.py not found (set DOCSCORE)" >&2; exit 1; }
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
for gold in "$here"/*.gold; do
  b=$(basename "$gold" .gold)
  "$seg" --columns text "$here/$b.txt" >"$t/$b" 2>/dev/null || { echo "$b: segment failed"; continue; }
  echo "$b $(python3 "$doc" "$gold" "$t/$b" "$@")"
done | tee "$t/all"
python3 - "$t/all" <<'PY'
import re, sys
fs = [float(m.group(1)) for m in (re.search(r'F1=([0-9.]+)', l) for l in open(sys.argv[1])) if m]
print(f'mean F1 {sum(fs)/len(fs):.4f} worst {min(fs):.4f} over {len(fs)} pages' if fs else 'no scores')
PY
