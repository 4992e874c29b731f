#!/usr/bin/env python3
"""A synthetic glossary of N name-like terms for the glossary-size benchmark (seeded, so every
run writes the same file): python3 bench/gen_names.py N > names.yaml

Real glossaries are mostly names, and names are what makes a large glossary expensive: their
first words are capitalized words like the capitalized words of the text. Each entry here is
a canonical of two capitalized words built from Indonesian syllables (`Dimapu Busu`), a second
two-word variant and an acronym of the four initials (`DBKS`). Most of them never occur in
the text; their prefixes do. Two kinds of entry come from the benchmark corpus
(bench/gen_corpus.py, read from its source): five of the first ten entries take one of the
corpus's capitalized word pairs (`Gedung Putih`) as their second variant, so replacements
happen (the same ones in every glossary of 10 entries or more, so a size ratio compares the
same output), and one entry in 30 starts with one of the corpus's capitalized words
(`Presiden Kalimo`), so the walk into the second word is paid where real text has a real
first name."""
import ast, os, random, sys

n = int(sys.argv[1])
r = random.Random(18)


def corpus_lists():
    """SUBJ and COUNTRY of gen_corpus.py (its source is the one list of what the corpus says)."""
    src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen_corpus.py"),
               encoding="utf-8").read()
    found = {}
    for node in ast.parse(src).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id in ("SUBJ", "COUNTRY"):
                found[node.targets[0].id] = ast.literal_eval(node.value)
    return found["SUBJ"] + found["COUNTRY"]


def is_cap_word(w):
    return len(w) > 1 and w[0].isupper() and w[1:].islower() and w.isalpha()


phrases, firsts = [], []
for s in corpus_lists():
    ws = s.split()
    for a, b in zip(ws, ws[1:]):
        if is_cap_word(a) and is_cap_word(b) and not any(a in p or b in p for p in phrases):
            phrases.append(f"{a} {b}")
    for w in ws:
        if is_cap_word(w) and w not in firsts:
            firsts.append(w)

PHRASES = 5  # entries 0, 2, .., 8: every glossary of 10 or more makes the same replacements
ONSET = "b c d g h j k l m n p r s t w y".split() + ["ng", "ny", "s", "k", "t", "m"]
VOWEL = "a a a i i u u e o".split()
CODA = ["", "", "", "", "n", "ng", "r", "s", "t", "k", "h"]


def word():
    sy = [r.choice(ONSET) + r.choice(VOWEL) for _ in range(r.randint(2, 3))]
    return ("".join(sy) + r.choice(CODA)).capitalize()


used = set(phrases) | set(firsts)
print("terms:")
for i in range(n):
    while True:
        w = [word() for _ in range(4)]
        if i % 30 == 29:
            w[0] = r.choice(firsts)
        canonical, second = f"{w[0]} {w[1]}", f"{w[2]} {w[3]}"
        if i % 2 == 0 and i // 2 < PHRASES:
            second = phrases[i // 2]
        acronym = "".join(x[0] for x in (canonical + " " + second).split()).upper()
        fresh = {canonical, acronym} if second in phrases else {canonical, second, acronym}
        if len(fresh | {second}) == 3 and not used & fresh:
            used.update(fresh)
            break
    print(f'  - canonical: "{canonical}"')
    print(f'    variants: ["{second}", "{acronym}"]')
    print(f'    target: "Name {i}"')
