#!/bin/sh
# Web pages of several kinds (tests/fixtures/web, written for these tests): the kept rows and
# the rejected lines match tests/e2e/web; every input byte is in a row or a rejected piece
# (tests/lossless.py, on every fixture); -j 2 gives the same output as -j 1.
# usage: web.sh SEGMENT SOURCE_DIR
set -eu
seg=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
cd "$src/tests/fixtures/web"
for f in *.txt; do
  b=${f%.txt}
  "$seg" --columns para,text --rejected "$tmp/$b.rej" "$f" > "$tmp/$b.tsv"
  cmp -s "$tmp/$b.tsv" "$src/tests/e2e/web/$b.tsv" || { echo "rows differ: $f"; diff "$src/tests/e2e/web/$b.tsv" "$tmp/$b.tsv" || true; fail=1; }
  cmp -s "$tmp/$b.rej" "$src/tests/e2e/web/$b.rejected.tsv" || { echo "rejected differ: $f"; diff "$src/tests/e2e/web/$b.rejected.tsv" "$tmp/$b.rej" || true; fail=1; }
  "$seg" -j 2 --rejected "$tmp/$b.rej2" "$f" > "$tmp/$b.j2"
  "$seg" -j 1 --rejected "$tmp/$b.rej1" "$f" > "$tmp/$b.j1"
  cmp -s "$tmp/$b.j1" "$tmp/$b.j2" && cmp -s "$tmp/$b.rej1" "$tmp/$b.rej2" || { echo "-j 2 differs: $f"; fail=1; }
done
python3 "$src/tests/lossless.py" "$seg" "$src"/tests/fixtures/*.txt "$src"/tests/fixtures/web/*.txt || fail=1
exit $fail
