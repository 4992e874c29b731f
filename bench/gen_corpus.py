#!/usr/bin/env python3
"""Reproducible Indonesian news-like corpus for benchmarks (standard library only).

    python3 bench/gen_corpus.py SIZE_MB [SEED] > corpus.txt

Paragraphs are drawn from sentence templates written for this project, with random names,
numbers, dates and abbreviations filled in, plus a little web debris, so every line is unique
(the cleaner's duplicate filter stays out of the way) and the text exercises the same rules as
real scraped news."""
import random, sys

SUBJ = ["Pemerintah", "Presiden", "Menteri Luar Negeri", "Juru bicara Gedung Putih", "Polisi",
        "Warga", "Para nelayan", "Gubernur Jawa Barat", "Bank Indonesia", "DPR", "Kemenlu",
        "Dr. Hendra Gunawan", "Prof. Sri Wahyuni", "Tn. Budi Santoso", "PT Sinar Jaya Tbk.",
        "AS", "PBB", "Uni Eropa", "Rusia", "Iran", "Ukraina", "Tiongkok", "Jepang"]
VERB = ["mengatakan bahwa", "menegaskan", "mengumumkan", "membantah", "menyatakan",
        "melaporkan", "mengkritik", "mendukung", "menolak", "memperkirakan"]
OBJ = ["harga beras naik {p},{q} persen", "anggaran Rp {n},{q} triliun disetujui",
       "sebanyak {k}.000 ton beras diimpor", "rapat digelar pukul {h}.{m} WIB",
       "kerja sama dengan A.S. diperluas", "produksi drone meningkat tajam",
       "sanksi baru dijatuhkan pada {d}/{mo}/20{y}", "proyek di Jl. Sudirman No. {k} dimulai",
       "bantuan berupa obat-obatan, tenda, dll. dikirim", "kunjungan ke Kab. Bogor ditunda",
       "inflasi tahunan mencapai {p},{q} persen", "ekspor ke {c} turun {p} persen",
       "{k} orang dilaporkan hilang", "situs www.contoh{k}.go.id diperbarui"]
TAIL = ["", " kepada wartawan", " di Jakarta, Senin ({d}/{mo})", " dalam keterangan tertulis",
        " seperti dikutip media setempat"]
QUOTE = ['"Kami akan terus bekerja. Tidak ada yang berubah," kata {s}.',
         '\u201cIni langkah penting bagi {c},\u201d ujar {s}.']
DEBRIS = ["ADVERTISEMENT", "Baca juga: {s} {v} {o}", "banner 728x250", "Loading",
          "Bagikan artikel ini", "Foto: ANTARA/{s}"]
COUNTRY = ["Indonesia", "Malaysia", "Jepang", "Tiongkok", "India", "Australia", "Singapura"]


def fill(t, r):
    return t.format(p=r.randint(1, 99), q=r.randint(0, 9), n=r.randint(1, 999),
                    k=r.randint(1, 999), h=r.randint(6, 22), m=r.choice(["00", "15", "30", "45"]),
                    d=r.randint(1, 28), mo=r.randint(1, 12), y=r.randint(10, 25),
                    c=r.choice(COUNTRY), s=r.choice(SUBJ), v=r.choice(VERB), o=r.choice(OBJ))


def sentence(r):
    if r.random() < 0.12:
        return fill(r.choice(QUOTE), r)
    return fill(f"{r.choice(SUBJ)} {r.choice(VERB)} {fill(r.choice(OBJ), r)}{r.choice(TAIL)}.", r)


def main():
    size = int(float(sys.argv[1]) * 1024 * 1024)
    r = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 20261122)
    out = sys.stdout
    written = 0
    while written < size:
        if r.random() < 0.05:
            line = fill(r.choice(DEBRIS), r)
        else:
            line = " ".join(sentence(r) for _ in range(r.randint(2, 6)))
        line += "\n\n"
        out.write(line)
        written += len(line.encode("utf-8"))


main()
