#!/usr/bin/env python3
"""A synthetic glossary of N terms (plus the real ones that occur in the corpus) for the
glossary-size benchmark: python3 bench/gen_glossary.py N > terms.yaml"""
import random, sys

n = int(sys.argv[1])
r = random.Random(7)
real = [("Amerika Serikat", ["AS", "A.S."], "United States"), ("PBB", ["Perserikatan Bangsa-Bangsa"], "United Nations"),
        ("Kementerian Luar Negeri", ["Kemenlu"], "Ministry of Foreign Affairs"), ("Uni Eropa", ["UE"], "European Union"),
        ("Tiongkok", ["China", "Cina"], "China"), ("Dewan Perwakilan Rakyat", ["DPR"], "House of Representatives")]
print("terms:")
for i in range(n):
    if i < len(real):
        c, v, t = real[i]
    else:
        w = "".join(r.choice("abcdefghijklmnoprstuwy") for _ in range(r.randint(5, 10)))
        c, v, t = f"Istilah {w.capitalize()} {i}", [f"IST{i}", f"{w}{i}"], f"Term {i}"
    print(f'  - canonical: "{c}"')
    print("    variants: [" + ", ".join(f'"{x}"' for x in v) + "]")
    print(f'    target: "{t}"')
