#!/usr/bin/env python3
"""Checks the cleaner's promise on whole documents: every non-space input byte lies inside some
output row's [start, end) span or inside a piece listed by --rejected (a whole line, a prefix or a
suffix of its line, or a piece of a line that HTML's line breaks cut, `<br />`). Also checks that
rejected pieces are real input bytes of the line they name (a line's pieces are looked for in
order, each after the one before it, as the rejected rows list them).

usage: lossless.py SEGMENT FILE...   (exit 1 and a report per file when a byte is lost)
"""
import os
import subprocess
import sys
import tempfile


def check(seg, path):
    data = open(path, 'rb').read()
    with tempfile.TemporaryDirectory() as tmp:
        rej_path = os.path.join(tmp, 'rej.tsv')
        rows = subprocess.run([seg, '-q', '--columns', 'start,end', '--rejected', rej_path, path],
                              check=True, capture_output=True).stdout
        rejected = open(rej_path, 'rb').read()
    covered = bytearray(len(data))
    for line in rows.splitlines():
        a, b = (int(x) for x in line.split(b'\t'))
        covered[a:b] = b'\x01' * (b - a)
    # line start offsets (LF-terminated; CR stays in the line's bytes)
    starts = [0]
    for i, ch in enumerate(data):
        if ch == 0x0A:
            starts.append(i + 1)
    problems = []
    cursor = {}  # line number -> where its last rejected piece ended
    for rec in rejected.splitlines():
        parts = rec.split(b'\t', 3)
        if len(parts) < 4:
            continue
        lineno, text = int(parts[1]), parts[3]
        lo = starts[lineno - 1]
        hi = starts[lineno] - 1 if lineno < len(starts) else len(data)
        raw = data[lo:hi]
        # the TSV shows TAB/CR/LF/NUL as spaces: compare with the line shown the same way
        shown = raw
        for c in (b'\t', b'\r', b'\n', b'\x00'):
            shown = shown.replace(c, b' ')
        at = shown.find(text, cursor.get(lineno, 0))
        if at < 0:
            at = shown.find(text)
        if at < 0:
            problems.append(f'line {lineno}: rejected text not found in the line: {text[:60]!r}')
            continue
        covered[lo + at:lo + at + len(text)] = b'\x01' * len(text)
        cursor[lineno] = at + len(text)
    lost = [i for i, ch in enumerate(data) if not covered[i] and ch not in b' \t\r\n\x00'
            and not (0x80 <= ch and _is_space_seq(data, i))]
    for i in lost[:10]:
        ln = data.count(b'\n', 0, i) + 1
        problems.append(f'byte {i} (line {ln}) {data[i:i+20]!r} is in no row and no rejected piece')
    if len(lost) > 10:
        problems.append(f'... {len(lost)} bytes lost in all')
    return problems


def _is_space_seq(data, i):
    """Bytes of NBSP, the zero-width and other invisible or space characters count as space."""
    for seq in ('\u00a0', '\u2009', '\u200b', '\u200e', '\u200f', '\ufeff', '\u202f', '\u3000',
                '\u2002', '\u2003', '\u00ad'):
        b = seq.encode()
        for k in range(len(b)):
            if data[i - k:i - k + len(b)] == b:
                return True
    return False


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    seg, bad = sys.argv[1], 0
    for path in sys.argv[2:]:
        problems = check(seg, path)
        if problems:
            bad += 1
            print(f'{path}: LOST')
            for p in problems:
                print('  ' + p)
        else:
            print(f'{path}: ok')
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
