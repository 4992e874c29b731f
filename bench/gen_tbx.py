#!/usr/bin/env python3
"""A synthetic TBX-Basic termbase of N entries for the TBX load benchmark, or (--yaml) the
same glossary as YAML: python3 bench/gen_tbx.py N [--yaml] [--distinct K] > terms.tbx
Each entry: an Indonesian section (a preferred term, an admitted and a deprecated variant,
every third entry the preferred one not first) and an English one (target + one variant),
plus a French section the loader skips. With --distinct K, entry i repeats entry i % K (the
file grows with N, the glossary only with K: what the loader keeps besides the glossary)."""
import random, sys

n = int(sys.argv[1])
yaml = "--yaml" in sys.argv[2:]
distinct = int(sys.argv[sys.argv.index("--distinct") + 1]) if "--distinct" in sys.argv else 0
r = random.Random(11)
out = sys.stdout
if yaml:
    out.write("terms:\n")
else:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<martif type="TBX-Basic" xml:lang="en">\n'
              '  <martifHeader><fileDesc><sourceDesc><p>synthetic</p></sourceDesc></fileDesc></martifHeader>\n'
              '  <text>\n    <body>\n')
ST = '<termNote type="administrativeStatus">%s</termNote>'
for e in range(n):
    i = e % distinct if distinct else e
    if distinct:
        r = random.Random(i)
    w = "".join(r.choice("abcdefghijklmnoprstuwy") for _ in range(r.randint(5, 10)))
    canonical, variants = f"Istilah {w.capitalize()} {i}", [f"IST{i}", f"{w}{i}"]
    target, tvariants = f"Term {w} {i}", [f"T{i}"]
    if yaml:
        out.write(f'  - canonical: "{canonical}"\n    variants: ["{variants[0]}", "{variants[1]}"]\n'
                  f'    target: "{target}"\n    target_variants: ["{tvariants[0]}"]\n')
        continue
    pref = f'<tig><term>{canonical}</term>{ST % "preferredTerm-admn-sts"}</tig>'
    adm = f'<tig><term>{variants[0]}</term>{ST % "admittedTerm-admn-sts"}</tig>'
    dep = (f'<ntig><termGrp><term>{variants[1]}</term>{ST % "deprecatedTerm-admn-sts"}'
           f'</termGrp></ntig>')
    ids = [adm, pref, dep] if i % 3 == 0 else [pref, adm, dep]
    out.write(f'      <termEntry id="e{i}">\n'
              f'        <descrip type="subjectField">synthetic</descrip>\n'
              f'        <langSet xml:lang="id">{"".join(ids)}</langSet>\n'
              f'        <langSet xml:lang="en"><tig><term>{target}</term></tig>'
              f'<tig><term>{tvariants[0]}</term></tig></langSet>\n'
              f'        <langSet xml:lang="fr"><tig><term>terme {i}</term></tig></langSet>\n'
              f'      </termEntry>\n')
if not yaml:
    out.write("    </body>\n  </text>\n</martif>\n")
