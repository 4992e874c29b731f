#!/usr/bin/env python3
"""Builds glossary/id-en.yaml from glossary/src/id-en.tsv (standard library only)."""
import os, sys

here = os.path.dirname(os.path.abspath(__file__))
rows = []
for line in open(os.path.join(here, "id-en.tsv"), encoding="utf-8"):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    f = line.split("\t")
    canonical, variants, target = f[0], [v for v in f[1].split("|") if v], f[2]
    ci = len(f) > 3 and f[3] == "ci"
    rows.append((canonical, variants, target, ci))

def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

out = ["# Default Indonesian -> English term glossary for `segment` (schema: glossary/README.md).",
       "# Generated from glossary/src/id-en.tsv by glossary/src/build_id_en.py; edit the table.",
       "language: id", "target_language: en", "case_sensitive: true", "terms:"]
for canonical, variants, target, ci in rows:
    out.append(f"  - canonical: {q(canonical)}")
    out.append("    variants: [" + ", ".join(q(v) for v in variants) + "]")
    out.append(f"    target: {q(target)}")
    if ci:
        out.append("    case_sensitive: false")
open(os.path.join(here, "..", "id-en.yaml"), "w", encoding="utf-8").write("\n".join(out) + "\n")
print(f"{len(rows)} terms", file=sys.stderr)
