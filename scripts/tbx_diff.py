#!/usr/bin/env python3
"""Differential check of the TBX reader between two builds of segment: mutates TBX documents
(the test fixtures, hand-written ones that reach every kind of element, namespace, DTD and text
the reader tells apart, a slice of and the whole bench/gen_tbx.py termbase) by truncating them,
flipping bytes, dropping tags, duplicating entries and inserting namespace declarations,
prefixes, xml: attributes, DOCTYPEs, comments, CDATA, references and blanks, and compares the
exit status, stderr and --dump-glossary output of `segment --glossary DOC --dump-glossary`.

    python3 scripts/tbx_diff.py OLD_SEGMENT NEW_SEGMENT [COUNT] [SEED]

Prints the number of documents and of differences (each difference's document is kept in the
work directory it names). Needs python3 only; the two binaries are run side by side."""
import concurrent.futures, os, random, re, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
old, new = sys.argv[1], sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 3500
rnd = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 17)

def read(p):
    with open(p, "rb") as f:
        return f.read()

gen = subprocess.run([sys.executable, os.path.join(root, "bench", "gen_tbx.py"), "10000"],
                     check=True, capture_output=True).stdout
# the first 150 entries of the generated termbase, closed again
cut = gen.index(b'<termEntry id="e150"')
slice150 = gen[:cut] + b"    </body>\n  </text>\n</martif>\n"

E = (b"<termEntry id='t1'><langSet xml:lang='id'><tig><term>Amerika Serikat</term>"
     b"<termNote type='administrativeStatus'>preferredTerm-admn-sts</termNote></tig>"
     b"<tig><term>AS</term></tig><ntig><termGrp><term>Amrik.</term></termGrp></ntig></langSet>"
     b"<langSet xml:lang='en'><tig><term>United States</term></tig><tig><term>US</term></tig>"
     b"</langSet></termEntry>\n")
E2 = (b"<termEntry><langSet lang='in'><tig><term>  Perserikatan\n\tBangsa  Bangsa </term></tig>"
      b"<tig><term>PBB</term><termNote type='administrativeStatus'> preferred </termNote></tig>"
      b"</langSet><langSet xml:lang='en-GB'><tig><term>United Nations</term></tig></langSet>"
      b"</termEntry>\n")
hand = [
    b"<?xml version='1.0'?>\n<martif type='TBX'><text><body>\n" + E + E2 + b"</body></text></martif>\n",
    b"<!DOCTYPE martif SYSTEM 'TBXBasiccoreStructV02.dtd'>\n<martif><text><body>\n" + E + E2
    + b"</body></text></martif>\n",
    b"<!DOCTYPE martif [<!ENTITY x 'AS'><!ATTLIST langSet xml:lang NMTOKEN #IMPLIED>]>\n"
    b"<martif><text><body>\n" + E.replace(b"xml:lang='id'", b"xml:lang=' id '") + E2
    + b"</body></text></martif>\n",
    b"<martif xmlns='urn:x' xmlns:b='http://b'><text><body>\n" + E.replace(b"<tig>", b"<b:tig>", 1)
    .replace(b"</tig>", b"</b:tig>", 1) + E2 + b"</body></text></martif>\n",
    b"<martif><text><body>\n" + E.replace(b"<term>AS</term>", b"<term><![CDATA[A S]]></term>")
    .replace(b"<term>US</term>", b"<term>U<!-- c -->S<?pi x?></term>") + E2
    + b"</body></text></martif>\n",
    b"<martif><text><body>\n" + E.replace(b"<term>AS</term>", b"<term> <hi>AS</hi> </term>")
    .replace(b"<term>US</term>", b"<term>U&amp;S&#32;</term>") + E2 + b"</body></text></martif>\n",
    b"<tbx xml:lang='en'><text><body><conceptEntry xml:id='c1'><langSec xml:lang='id'><termSec>"
    b"<term>Uni Eropa</term><administrativeStatus>preferredTerm-admn-sts</administrativeStatus>"
    b"</termSec><termSec><term>UE</term></termSec></langSec><langSec xml:lang='eng'><termSec>"
    b"<term>European Union</term></termSec></langSec></conceptEntry></body></text></tbx>\n",
    b"<martif xml:space='preserve'><text><body>\n" + E + b"</body></text></martif>\n",
]
seeds = [read(os.path.join(root, "tests/fixtures/terms", f)) for f in ("basic.tbx", "tbx3.tbx")]
seeds += hand + [slice150]

SNIPPETS = [b" xmlns='urn:x'", b" xmlns:a='http://a'", b" xmlns:a=''", b" xmlns:a='::bad'",
            b" xmlns:xml='http://www.w3.org/XML/1998/namespace'", b" xmlns:xml='urn:no'",
            b" a:b='1'", b" xml:lang='id'", b" xml:lang='en'", b" lang='fr'", b" xml:id='i1'",
            b" xml:id='1x'", b" xml:space='preserve'", b" xml:space='default'", b" xml:a:b='1'",
            b" xml:1='1'", b" id='a'", b" type='administrativeStatus'", b" type=' x &amp; y'",
            b"<a:b/>", b"<x:term>X</x:term>", b"<:a/>", b"<a:/>", b"<!-- c -->", b"<?pi x?>",
            b"<?a:b x?>", b"<![CDATA[ ]]>", b"<![CDATA[X]]>", b"&amp;", b"&#32;", b"&#x9;",
            b"&undef;", b"   ", b"\t", b"\r\n", b"\n\n", b"<hi>x</hi>", b"<hi> </hi>", b"<term>T</term>",
            b"<termNote type='administrativeStatus'>preferredTerm</termNote>", b"<tig>",
            b"</tig>", b"<langSet xml:lang='id'>", b"</termEntry>", b"]]>", b"\xc3\xa9",
            b"\xff", b"\x00", b"<termEntry>", b"<descrip>d</descrip>"]
PROLOGS = [b"<!DOCTYPE martif SYSTEM 'x.dtd'>\n", b"<!DOCTYPE martif [<!ENTITY e 'AS'>]>\n",
           b"<!DOCTYPE martif [<!ATTLIST langSet xml:lang NMTOKEN #IMPLIED>]>\n",
           b"<!DOCTYPE martif [<!ATTLIST martif xmlns:a CDATA #FIXED 'urn:a'>]>\n",
           b"<!DOCTYPE martif [ %pe; ]>\n", b"<?xml version='1.0' encoding='ISO-8859-1'?>\n"]
TAG = re.compile(rb"<[^<>]*>")
ENTRY = re.compile(rb"<(termEntry|conceptEntry)\b.*?</\1>", re.S)

def mutate(doc):
    op = rnd.randrange(9)
    if op == 0 and doc:  # truncate
        return doc[:rnd.randrange(len(doc))]
    if op == 1 and doc:  # flip a byte
        i = rnd.randrange(len(doc))
        b = rnd.choice(b"<>/='\" &;:!?-x\t\n") if rnd.random() < 0.7 else rnd.randrange(256)
        return doc[:i] + bytes([b]) + doc[i + 1:]
    tags = list(TAG.finditer(doc))
    if op == 2 and tags:  # drop a tag
        m = rnd.choice(tags)
        return doc[:m.start()] + doc[m.end():]
    if op == 3:  # duplicate an entry, in place or at the end of the body
        es = list(ENTRY.finditer(doc))
        if es:
            m = rnd.choice(es)
            at = m.end() if rnd.random() < 0.5 else doc.rfind(b"</body>")
            at = m.end() if at < 0 else at
            return doc[:at] + m.group(0) + doc[at:]
    if op == 4 and tags:  # an attribute-like snippet inside a start tag
        starts = [m for m in tags if not m.group(0).startswith((b"</", b"<?", b"<!"))]
        if starts:
            m = rnd.choice(starts)
            at = m.end() - (2 if m.group(0).endswith(b"/>") else 1)
            return doc[:at] + rnd.choice(SNIPPETS[:19]) + doc[at:]
    if op == 5 and tags:  # content at a tag boundary
        m = rnd.choice(tags)
        return doc[:m.end()] + rnd.choice(SNIPPETS) + doc[m.end():]
    if op == 6:  # a prolog
        return rnd.choice(PROLOGS) + doc
    if op == 7:  # a term's text blank, spread or prefixed
        ts = list(re.finditer(rb"<term>([^<]*)</term>", doc))
        if ts:
            m = rnd.choice(ts)
            text = rnd.choice([b"  ", b"\n\t", b" " + m.group(1) + b" ",
                               m.group(1).replace(b" ", b"  \n"), b""])
            return doc[:m.start(1)] + text + doc[m.end(1):]
    if op == 8:  # another language, or a prefixed element
        ls = list(re.finditer(rb"lang=(['\"])([^'\"]*)\1", doc))
        if ls:
            m = rnd.choice(ls)
            code = rnd.choice([b"id", b"ID-id", b"in", b"ind", b"en", b"en_US", b"eng", b"fr", b""])
            return doc[:m.start(2)] + code + doc[m.end(2):]
        names = list(re.finditer(rb"<(/?)(tig|term|langSet|termEntry)\b", doc))
        if names:
            m = rnd.choice(names)
            return doc[:m.start(2)] + b"p:" + doc[m.start(2):]
    return doc

work = tempfile.mkdtemp(prefix="tbx_diff.")
docs = []
for k in range(count):
    if k < 30:  # the whole termbase, lightly mutated (a few are slow: keep them few)
        doc = gen if k == 0 else mutate(gen)
    else:
        doc = rnd.choice(seeds)
        for _ in range(rnd.choice([1, 1, 1, 2, 2, 3])):
            doc = mutate(doc)
    docs.append(doc)

def run(binary, path):
    p = subprocess.run([binary, "--glossary", path, "--dump-glossary"], capture_output=True)
    return p.returncode, p.stdout, p.stderr

def check(k):
    path = os.path.join(work, "d%05d.tbx" % k)
    with open(path, "wb") as f:
        f.write(docs[k])
    same = run(old, path) == run(new, path)
    if same:
        os.unlink(path)
    return k, same

bad = []
with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
    for k, same in pool.map(check, range(count)):
        if not same:
            bad.append(k)
print("%d documents, %d differences%s" % (count, len(bad),
      (" (kept in %s: %s)" % (work, " ".join("d%05d.tbx" % k for k in bad[:20]))) if bad else ""))
if not bad:
    os.rmdir(work)
sys.exit(1 if bad else 0)
