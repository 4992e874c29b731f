#!/bin/sh
# End-to-end checks of the scale-out story: sharding with GNU parallel is byte-identical to a
# single run; the installed binary works from another directory with its man page and data;
# the example Makefile builds under make -j2 and leaves no partial targets on failure.
# Usage: tests/scale.sh SEGMENT_BIN BUILD_DIR SOURCE_DIR [CLIENT_CFLAGS]
set -eu
seg=$1 build=$2 src=$3 client_flags=${4:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
passed=0

# 1. a JSONL corpus of 3,000 documents; single run vs parallel shards
python3 - "$work/corpus.jsonl" <<'PY'
import json, random, sys
r = random.Random(5)
words = "pemerintah warga kota harga beras naik turun rapat presiden menteri dana jalan".split()
with open(sys.argv[1], "w") as f:
    for i in range(3000):
        sents = [" ".join(r.choice(words) for _ in range(r.randint(3, 9))).capitalize() + "."
                 for _ in range(r.randint(1, 6))]
        text = " ".join(sents)
        if i % 7 == 0: text += "\n\nBaca juga: " + r.choice(words)
        if i % 11 == 0: text = "Dr. Budi dan A.S. tiba pukul 10.30 WIB.\n" + text
        f.write(json.dumps({"id": f"doc-{i}", "text": text}, ensure_ascii=False) + "\n")
PY
"$seg" --input-format jsonl -g "$src/glossary/id-en.yaml" < "$work/corpus.jsonl" > "$work/single.tsv"
[ -s "$work/single.tsv" ] || fail "empty single run"
parallel --will-cite --pipe -k -N 1000 "$seg" --input-format jsonl -g "$src/glossary/id-en.yaml" \
  < "$work/corpus.jsonl" > "$work/parallel.tsv"
cmp "$work/single.tsv" "$work/parallel.tsv" || fail "parallel --pipe output differs"
passed=$((passed + 1))
parallel --will-cite --pipepart -a "$work/corpus.jsonl" --block 100k -k "$seg" --input-format jsonl \
  -g "$src/glossary/id-en.yaml" > "$work/pipepart.tsv"
cmp "$work/single.tsv" "$work/pipepart.tsv" || fail "parallel --pipepart output differs"
passed=$((passed + 1))
"$seg" --input-format jsonl -j 2 -g "$src/glossary/id-en.yaml" < "$work/corpus.jsonl" > "$work/j2.tsv"
cmp "$work/single.tsv" "$work/j2.tsv" || fail "-j 2 output differs"
passed=$((passed + 1))
# each JSONL document gives the same rows as the same text in its own file
python3 - "$work/corpus.jsonl" "$work/docs" <<'PY'
import json, os, sys
os.makedirs(sys.argv[2])
for line in open(sys.argv[1]):
    d = json.loads(line)
    if d["id"] in ("doc-0", "doc-11", "doc-12"):
        open(os.path.join(sys.argv[2], d["id"]), "w").write(d["text"])
PY
for d in doc-0 doc-11 doc-12; do
  (cd "$work/docs" && "$seg" -g "$src/glossary/id-en.yaml" "$d") > "$work/file.tsv"
  grep "^$d	" "$work/single.tsv" > "$work/fromjsonl.tsv"
  cmp "$work/file.tsv" "$work/fromjsonl.tsv" || fail "jsonl document $d differs from a file run"
done
passed=$((passed + 1))

# 2. installed binary from another directory
cmake --install "$build" --prefix "$work/prefix" > /dev/null
[ -f "$work/prefix/share/man/man1/segment.1" ] || fail "no man page installed"
grep -q 'glossary' "$work/prefix/share/man/man1/segment.1" && grep -q 'EXIT STATUS' "$work/prefix/share/man/man1/segment.1" || fail "man page lacks options"
[ -f "$work/prefix/share/segment/id-en.yaml" ] || fail "no glossary data installed"
[ -f "$work/prefix/lib/pkgconfig/segment.pc" ] || fail "no pkg-config file"
[ -f "$work/prefix/include/segment.h" ] || fail "no public header"
[ "$(find "$work/prefix/include" -type f | wc -l)" -le 2 ] || fail "private headers installed"
# a program that knows only the public header, built against the installed library
cat > "$work/client.c" <<'C'
#include <segment.h>
#include <stdio.h>
#include <string.h>
static int put(void *ctx, const char *b, size_t n) { return fwrite(b, 1, n, ctx) == n ? 0 : -1; }
int main(void) {
  seg_config cfg;
  seg_config_init(&cfg);
  cfg.columns = "sent,text";
  seg_error err = {0};
  seg_engine *e = seg_engine_new(&cfg, &err);
  static const char text[] = "Dr. Ani tiba pukul 10.30 WIB. Dia langsung rapat.";
  seg_input in = {.name = "x", .bytes = text, .len = strlen(text)};
  seg_sink out = {put, stdout, "-"};
  if (!e || seg_engine_run(e, &in, 1, &out, NULL, &err)) return fprintf(stderr, "%s\n", err.msg), 1;
  seg_engine_free(e);
  return 0;
}
C
PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig" ${CC:-cc} -std=c17 $client_flags -o "$work/client" "$work/client.c" \
  $(PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig" pkg-config --cflags --libs --static segment) \
  || fail "a client of segment.h does not build against the installed library"
[ "$("$work/client")" = "$(printf '1\tDr. Ani tiba pukul 10.30 WIB.\n2\tDia langsung rapat.')" ] \
  || fail "the installed library's client gives other rows"
(cd / && "$work/prefix/bin/segment" --glossary "$work/prefix/share/segment/id-en.yaml" \
  --columns text "$src/examples/berita.txt") > "$work/installed.tsv"
grep -q "Amerika Serikat" "$work/installed.tsv" || fail "installed binary did not normalize terms"
passed=$((passed + 1))

# 3. the example Makefile under make -j2, and no partial target on failure
cp -r "$src/examples" "$work/examples"
make -s -C "$work/examples" -j2 SEGMENT="$seg" GLOSSARY="$src/glossary/id-en.yaml" > /dev/null
[ -s "$work/examples/corpus.tsv" ] || fail "no corpus.tsv"
[ -s "$work/examples/bantuan.pairs.tsv" ] || fail "no aligned pairs"
head -n1 "$work/examples/corpus.tsv" | grep -q '^doc	para' || fail "corpus header"
printf 'Kalimat baru.\n' > "$work/examples/tambahan.txt"
printf 'terms: [\n' > "$work/bad.yaml"
if make -s -C "$work/examples" -j2 SEGMENT="$seg" GLOSSARY="$work/bad.yaml" > /dev/null 2>&1; then
  fail "make with a broken glossary succeeded"
fi
[ ! -e "$work/examples/tambahan.tsv" ] || fail "partial target left behind"
ls -A "$work/examples" | grep -q '^\.' && fail "temporary file left behind"
passed=$((passed + 1))

# 4. progress line: on a terminal only
if command -v script > /dev/null; then
  script -qec "'$seg' -o '$work/p.tsv' '$src/examples/berita.txt'" /dev/null > "$work/tty.txt"
  grep -q 'MB/s' "$work/tty.txt" || fail "no progress line on a terminal"
  "$seg" -o "$work/p.tsv" "$src/examples/berita.txt" 2> "$work/notty.txt"
  [ ! -s "$work/notty.txt" ] || fail "progress output without a terminal"
  passed=$((passed + 1))
fi

echo "$passed passed, 0 failed"
