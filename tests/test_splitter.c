/* Splitter: table-driven Indonesian cases (expected sentences joined by " | "), the kinds of
 * the abbreviation list, options, and ICU conformance for the raw path. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "splitter.h"

typedef struct {
  const char *in;
  const char *want;
} seg_case;

static seg_abbrevs *abbr;
static seg_splitter *sp;

static void setup(void) {
  seg_error err = {0};
  abbr = seg_abbrevs_default("id", &err);
  cr_assert_not_null(abbr, "%s", err.msg);
  seg_splitter_opts o = {.locale = "id"};
  sp = seg_splitter_new(abbr, &o, &err);
  cr_assert_not_null(sp, "%s", err.msg);
}

static void teardown(void) {
  seg_splitter_free(sp);
  seg_abbrevs_free(abbr);
}

static char *split_joined(seg_splitter *s, const char *in) {
  const seg_span *spans;
  seg_error err = {0};
  long n = seg_splitter_split(s, in, strlen(in), &spans, &err);
  cr_assert_geq(n, 0, "%s", err.msg);
  seg_buf b = {0};
  for (long i = 0; i < n; i++) {
    if (i) seg_buf_append(&b, " | ", 3);
    seg_buf_append(&b, in + spans[i].start, spans[i].end - spans[i].start);
  }
  return b.data ? b.data : strdup("");
}

/* clang-format off */
static const seg_case cases[] = {
  /* titles and honorifics: never a sentence end */
  {"Tn. Budi datang.", "Tn. Budi datang."},
  {"Ia bertemu Ny. Sari di pasar.", "Ia bertemu Ny. Sari di pasar."},
  {"Surat untuk Nn. Rina sudah dikirim.", "Surat untuk Nn. Rina sudah dikirim."},
  {"Sdr. Andi diminta hadir.", "Sdr. Andi diminta hadir."},
  {"Acara dibuka Bpk. Hasan pukul sembilan.", "Acara dibuka Bpk. Hasan pukul sembilan."},
  {"Pasien ditangani Dr. Tirta kemarin.", "Pasien ditangani Dr. Tirta kemarin."},
  {"Ia diperiksa dr. Lestari di klinik.", "Ia diperiksa dr. Lestari di klinik."},
  {"Kuliah umum diisi Prof. Wibowo.", "Kuliah umum diisi Prof. Wibowo."},
  {"Proyek dipimpin Ir. Sutami.", "Proyek dipimpin Ir. Sutami."},
  {"Buku itu ditulis Drs. Hamid.", "Buku itu ditulis Drs. Hamid."},
  {"Pengajian dipimpin H. Mahmud dan Hj. Aisyah.", "Pengajian dipimpin H. Mahmud dan Hj. Aisyah."},
  {"Ceramah K.H. Hasyim dihadiri ribuan orang.", "Ceramah K.H. Hasyim dihadiri ribuan orang."},
  {"Gereja St. Yosef ramai. Misa dimulai pagi.", "Gereja St. Yosef ramai. | Misa dimulai pagi."},
  {"Mr. Kirby berbicara kepada wartawan.", "Mr. Kirby berbicara kepada wartawan."},
  {"Ms. Lee tiba di Jakarta.", "Ms. Lee tiba di Jakarta."},
  {"Pres. Soekarno membacakan teks proklamasi.", "Pres. Soekarno membacakan teks proklamasi."},
  {"Kunjungan Kapt. Hadi ditunda. Cuaca buruk.", "Kunjungan Kapt. Hadi ditunda. | Cuaca buruk."},
  {"Pemeriksaan dilakukan Kombes. Yusri.", "Pemeriksaan dilakukan Kombes. Yusri."},
  {"Dia menemui Prof. Dr. Ir. Bambang di kantornya.", "Dia menemui Prof. Dr. Ir. Bambang di kantornya."},
  {"Tokoh itu adalah Tb. Hasanuddin.", "Tokoh itu adalah Tb. Hasanuddin."},
  /* a title in capitals is also a person's initials: a sentence starter decides */
  {"Polisi menangkap pelaku berinisial TN. Berdasarkan penyelidikan, ia bersembunyi.", "Polisi menangkap pelaku berinisial TN. | Berdasarkan penyelidikan, ia bersembunyi."},
  {"Korban berinisial NY. Ia dibawa ke rumah sakit.", "Korban berinisial NY. | Ia dibawa ke rumah sakit."},
  {"Acara dibuka DR. Budi Santoso kemarin.", "Acara dibuka DR. Budi Santoso kemarin."},
  {"Ia bertemu TN. Hasan di pasar.", "Ia bertemu TN. Hasan di pasar."},
  {"Penyidik AKBP. Purnomo memeriksa saksi.", "Penyidik AKBP. Purnomo memeriksa saksi."},
  /* academic degrees */
  {"Pengacara Budi Santoso, S.H. mendampingi terdakwa.", "Pengacara Budi Santoso, S.H. mendampingi terdakwa."},
  {"Dosennya Dr. Ani, M.Hum. Beliau ramah.", "Dosennya Dr. Ani, M.Hum. | Beliau ramah."},
  {"Laporan disusun Rina, S.E. Namun belum diperiksa.", "Laporan disusun Rina, S.E. | Namun belum diperiksa."},
  {"Analisis oleh Dewi, M.Si. dan timnya.", "Analisis oleh Dewi, M.Si. dan timnya."},
  {"Anak itu dirawat dr. Maya, Sp.A. di rumah sakit.", "Anak itu dirawat dr. Maya, Sp.A. di rumah sakit."},
  {"Ia meraih gelar Ph.D. Pada tahun itu juga ia menikah.", "Ia meraih gelar Ph.D. | Pada tahun itu juga ia menikah."},
  {"Penelitian Joko Susilo, Ph.D. Universitas Gadjah Mada terbit.", "Penelitian Joko Susilo, Ph.D. Universitas Gadjah Mada terbit."},
  {"Notaris Hendra, S.H., M.Kn. hadir.", "Notaris Hendra, S.H., M.Kn. hadir."},
  {"Ia meraih gelar S.Kedk. Universitas Indonesia tahun lalu.", "Ia meraih gelar S.Kedk. Universitas Indonesia tahun lalu."},
  /* a token with a non-ASCII letter is taken whole: "ÉDr." is not the title Dr. */
  {"Nama panggungnya adalah ÉDr. Kemudian ia pensiun dari musik.", "Nama panggungnya adalah ÉDr. | Kemudian ia pensiun dari musik."},
  /* initials */
  {"Presiden Joko S. Widodo hadir.", "Presiden Joko S. Widodo hadir."},
  {"Pahlawan R. A. Kartini lahir di Jepara.", "Pahlawan R. A. Kartini lahir di Jepara."},
  {"Penyanyi B. J. Habibie bukan penyanyi.", "Penyanyi B. J. Habibie bukan penyanyi."},
  {"Karya W. S. Rendra dibacakan. Penonton bertepuk tangan.", "Karya W. S. Rendra dibacakan. | Penonton bertepuk tangan."},
  {"Surat ditandatangani A. Rahman. Ia menjabat ketua.", "Surat ditandatangani A. Rahman. | Ia menjabat ketua."},
  {"Tim dipimpin oleh M. Nasir dari Aceh.", "Tim dipimpin oleh M. Nasir dari Aceh."},
  {"Pemenangnya vitamin C. Ia senang sekali.", "Pemenangnya vitamin C. | Ia senang sekali."},
  /* company forms */
  {"Saham PT. Astra naik.", "Saham PT. Astra naik."},
  {"Laba PT Bank Central Asia Tbk. (BCA) naik.", "Laba PT Bank Central Asia Tbk. (BCA) naik."},
  {"Kontrak diteken PT Semen Indonesia Tbk. Harga saham naik.", "Kontrak diteken PT Semen Indonesia Tbk. | Harga saham naik."},
  {"Ia bekerja di Sampoerna Asia Pte. Ltd. (SPA) sejak 2010.", "Ia bekerja di Sampoerna Asia Pte. Ltd. (SPA) sejak 2010."},
  {"Pembelinya Nippon Steel Corp. Rencana itu benar.", "Pembelinya Nippon Steel Corp. | Rencana itu benar."},
  {"Apple Inc. merilis ponsel baru.", "Apple Inc. merilis ponsel baru."},
  {"Kerja sama dengan Printing Co. Ltd. dimulai.", "Kerja sama dengan Printing Co. Ltd. dimulai."},
  {"Anak usaha Medco Energy US LLC. (Medco) ikut tender.", "Anak usaha Medco Energy US LLC. (Medco) ikut tender."},
  /* addresses and references */
  {"Kantornya di Jl. Sudirman No. 5 Jakarta.", "Kantornya di Jl. Sudirman No. 5 Jakarta."},
  {"Rumahnya di Gg. Mawar dekat pasar.", "Rumahnya di Gg. Mawar dekat pasar."},
  {"Banjir melanda Kab. Bekasi dan Kec. Tambun.", "Banjir melanda Kab. Bekasi dan Kec. Tambun."},
  {"Polisi berjaga di Pulau Ambon dan Pp. Lease sejak pagi.", "Polisi berjaga di Pulau Ambon dan Pp. Lease sejak pagi."},
  {"Warga Kel. Cempaka mengungsi.", "Warga Kel. Cempaka mengungsi."},
  {"Dana dari Prov. Jawa Barat cair.", "Dana dari Prov. Jawa Barat cair."},
  {"Hubungi Telp. 021-555 atau Fax. 021-556 untuk informasi.", "Hubungi Telp. 021-555 atau Fax. 021-556 untuk informasi."},
  {"Lihat hlm. 12 untuk rinciannya.", "Lihat hlm. 12 untuk rinciannya."},
  {"Tabel ada di Hal. 7 laporan.", "Tabel ada di Hal. 7 laporan."},
  {"Terbit dalam Vol. 3 jurnal itu.", "Terbit dalam Vol. 3 jurnal itu."},
  {"Sekolah itu di JL. KS Tubun No. 3 Pontianak.", "Sekolah itu di JL. KS Tubun No. 3 Pontianak."},
  {"Peraturan No. XI tentang pasar modal berlaku.", "Peraturan No. XI tentang pasar modal berlaku."},
  {"Ia tinggal di rumah No. Lalu ia pindah.", "Ia tinggal di rumah No. | Lalu ia pindah."},
  {"Pasien dibawa ke RS. Santo Borromeus.", "Pasien dibawa ke RS. Santo Borromeus."},
  /* common abbreviations */
  {"Ia membeli beras, gula, dll. di pasar.", "Ia membeli beras, gula, dll. di pasar."},
  {"Bantuan dari UNICEF, WFP, dll. Pemerintah berterima kasih.", "Bantuan dari UNICEF, WFP, dll. | Pemerintah berterima kasih."},
  {"Ada buku, pena, dsb. Semua dibagikan gratis.", "Ada buku, pena, dsb. | Semua dibagikan gratis."},
  {"Ia menyebut satu, dua, tiga, dst. sampai lelah.", "Ia menyebut satu, dua, tiga, dst. sampai lelah."},
  {"Penelitian Susanto dkk. menunjukkan hasil serupa.", "Penelitian Susanto dkk. menunjukkan hasil serupa."},
  {"Studi itu ditulis Susanto dkk. Hasilnya diterbitkan 2020.", "Studi itu ditulis Susanto dkk. | Hasilnya diterbitkan 2020."},
  {"Peserta a.l. pelajar dan mahasiswa.", "Peserta a.l. pelajar dan mahasiswa."},
  {"Surat a.n. Menteri ditandatangani sekretaris.", "Surat a.n. Menteri ditandatangani sekretaris."},
  {"Kirim ke u.p. Bagian Umum.", "Kirim ke u.p. Bagian Umum."},
  {"Pendaftaran 1 s.d. 10 Mei.", "Pendaftaran 1 s.d. 10 Mei."},
  {"Kepada yth. Bapak Camat.", "Kepada yth. Bapak Camat."},
  {"Barang tsb. Sudah dikirim kemarin.", "Barang tsb. Sudah dikirim kemarin."},
  {"Syaratnya sbb. Pertama, foto kopi KTP.", "Syaratnya sbb. Pertama, foto kopi KTP."},
  {"Surat kpd. Gubernur sudah dikirim.", "Surat kpd. Gubernur sudah dikirim."},
  /* dotted acronyms */
  {"Pasukan A.S. tiba di pangkalan.", "Pasukan A.S. tiba di pangkalan."},
  {"Sanksi A.S. Terhadap Iran diperketat.", "Sanksi A.S. Terhadap Iran diperketat."},
  {"Mereka kembali ke A.S. Namun visa ditolak.", "Mereka kembali ke A.S. | Namun visa ditolak."},
  {"Resolusi U.N. Dewan Keamanan disahkan.", "Resolusi U.N. Dewan Keamanan disahkan."},
  {"Misi P.B.B. Lebanon diperpanjang.", "Misi P.B.B. Lebanon diperpanjang."},
  /* dotted tokens in no list, the inner '.' two to five bytes before the last */
  {"Misi Q.Z. Lebanon diperpanjang.", "Misi Q.Z. Lebanon diperpanjang."},
  {"Ia pulang ke Q.Z. Namun visa ditolak.", "Ia pulang ke Q.Z. | Namun visa ditolak."},
  {"Misi Q.Zu. Lebanon diperpanjang.", "Misi Q.Zu. Lebanon diperpanjang."},
  {"Misi Q.Zuw. Lebanon diperpanjang.", "Misi Q.Zuw. Lebanon diperpanjang."},
  {"Misi QX.Zuvw. Lebanon diperpanjang.", "Misi QX.Zuvw. Lebanon diperpanjang."},
  {"Ia lahir di Jepara pada 1879 M. Ia anak bupati.", "Ia lahir di Jepara pada 1879 M. | Ia anak bupati."},
  {"Rapat dimulai 10 a.m. waktu setempat.", "Rapat dimulai 10 a.m. waktu setempat."},
  /* numbers, money, times, dates */
  {"Rapat dimulai pukul 10.30 WIB. Semua hadir.", "Rapat dimulai pukul 10.30 WIB. | Semua hadir."},
  {"Anggaran Rp 1,5 triliun disetujui. DPR setuju.", "Anggaran Rp 1,5 triliun disetujui. | DPR setuju."},
  {"Produksi mencapai 5.000 ton. Ekspor naik.", "Produksi mencapai 5.000 ton. | Ekspor naik."},
  {"Penduduknya 3,5 juta jiwa.", "Penduduknya 3,5 juta jiwa."},
  {"Sidang digelar 14/10/2024 di Jakarta.", "Sidang digelar 14/10/2024 di Jakarta."},
  {"Harga naik 2,5 persen. Inflasi terkendali.", "Harga naik 2,5 persen. | Inflasi terkendali."},
  {"Suhu mencapai 37.5 derajat.", "Suhu mencapai 37.5 derajat."},
  {"Skor akhir 2-1 untuk tuan rumah.", "Skor akhir 2-1 untuk tuan rumah."},
  {"Harga emas Rp. 1.200.000 per gram.", "Harga emas Rp. 1.200.000 per gram."},
  {"Nilainya US$ 2,1 miliar. Itu rekor.", "Nilainya US$ 2,1 miliar. | Itu rekor."},
  {"Gempa berkekuatan M 5,6 mengguncang. Warga panik.", "Gempa berkekuatan M 5,6 mengguncang. | Warga panik."},
  {"Ia memakai senapan kaliber. 50 M2 Browning.", "Ia memakai senapan kaliber. 50 M2 Browning."},
  {"Kereta berangkat 06.15 WIB dan tiba 09.45 WIB.", "Kereta berangkat 06.15 WIB dan tiba 09.45 WIB."},
  {"Pada abad ke-4 SM. Sejarawan mencatatnya.", "Pada abad ke-4 SM. | Sejarawan mencatatnya."},
  /* quotes */
  {"\"Indonesia siap. Kami tidak diam,\" kata dia.", "\"Indonesia siap. Kami tidak diam,\" kata dia."},
  {"\xE2\x80\x9CIndonesia siap. Kami tidak diam,\xE2\x80\x9D kata dia.", "\xE2\x80\x9CIndonesia siap. Kami tidak diam,\xE2\x80\x9D kata dia."},
  {"\xE2\x80\x9CKami siap.\xE2\x80\x9D Menteri lalu pergi.", "\xE2\x80\x9CKami siap.\xE2\x80\x9D | Menteri lalu pergi."},
  {"Ia berkata, \"Saya lelah.\" Kemudian ia tidur.", "Ia berkata, \"Saya lelah.\" | Kemudian ia tidur."},
  {"\"Mengapa?\" tanya dia.", "\"Mengapa?\" tanya dia."},
  {"\"Awas!\" teriak polisi itu.", "\"Awas!\" teriak polisi itu."},
  {"\xE2\x80\x9C" "Apa kabar?\xE2\x80\x9D Ia tersenyum.", "\xE2\x80\x9C" "Apa kabar?\xE2\x80\x9D | Ia tersenyum."},
  {"\xE2\x80\x9CIni penting. Itu juga.\xE2\x80\x9D Namun ia diam.", "\xE2\x80\x9CIni penting. Itu juga.\xE2\x80\x9D | Namun ia diam."},
  {"Ia menyebut film \xE2\x80\x9CLaskar Pelangi.\xE2\x80\x9D Film itu laris.", "Ia menyebut film \xE2\x80\x9CLaskar Pelangi.\xE2\x80\x9D | Film itu laris."},
  {"Kata \xE2\x80\x98" "aman\xE2\x80\x99 dipakai. Semua setuju.", "Kata \xE2\x80\x98" "aman\xE2\x80\x99 dipakai. | Semua setuju."},
  /* ellipsis */
  {"Ia menunggu dan menunggu... Akhirnya bus datang.", "Ia menunggu dan menunggu... | Akhirnya bus datang."},
  {"Ia menunggu\xE2\x80\xA6 Akhirnya bus datang.", "Ia menunggu\xE2\x80\xA6 | Akhirnya bus datang."},
  {"\"Kami akan segera\xE2\x80\xA6\" katanya.", "\"Kami akan segera\xE2\x80\xA6\" katanya."},
  {"Ia ragu... lalu pergi.", "Ia ragu... lalu pergi."},
  {"Ia ragu\xE2\x80\xA6 lalu pergi.", "Ia ragu\xE2\x80\xA6 lalu pergi."},
  /* URLs, e-mail, files, versions */
  {"Kunjungi www.kompas.com untuk berita. Terima kasih.", "Kunjungi www.kompas.com untuk berita. | Terima kasih."},
  {"Situs https://www.bmkg.go.id/gempa.html memuat data.", "Situs https://www.bmkg.go.id/gempa.html memuat data."},
  {"Kirim ke redaksi@tempo.co.id sebelum Senin.", "Kirim ke redaksi@tempo.co.id sebelum Senin."},
  {"Unduh berkas laporan.pdf dari situs.", "Unduh berkas laporan.pdf dari situs."},
  {"Perbarui ke versi 2.4.1 sekarang.", "Perbarui ke versi 2.4.1 sekarang."},
  {"Gunakan Python 3.11. Versi lama tidak didukung.", "Gunakan Python 3.11. | Versi lama tidak didukung."},
  /* parentheses */
  {"Bandara Sultan Syarif Kasim II (SSK. II) dibuka.", "Bandara Sultan Syarif Kasim II (SSK. II) dibuka."},
  {"Tanaman itu (E. hemisphaerica) langka.", "Tanaman itu (E. hemisphaerica) langka."},
  /* abbreviations at a sentence end, and the same words mid-sentence */
  {"Hadiahnya buku, tas, dll. Pemenang diumumkan besok.", "Hadiahnya buku, tas, dll. | Pemenang diumumkan besok."},
  {"Ia membawa tas, buku, dll. ke sekolah.", "Ia membawa tas, buku, dll. ke sekolah."},
  {"Bahan bakunya kayu, besi, dsb. yang mudah didapat.", "Bahan bakunya kayu, besi, dsb. yang mudah didapat."},
  {"Daftarnya panjang: A, B, C, dst. Kami memilih A.", "Daftarnya panjang: A, B, C, dst. | Kami memilih A."},
  {"Temuan ini dilaporkan Wijaya dkk. (2021) dalam jurnal.", "Temuan ini dilaporkan Wijaya dkk. (2021) dalam jurnal."},
  {"Saham dibeli Sinar Mas Tbk. Transaksi rampung Jumat.", "Saham dibeli Sinar Mas Tbk. | Transaksi rampung Jumat."},
  {"Ia bekerja di Unilever Indonesia Tbk. sejak 2015.", "Ia bekerja di Unilever Indonesia Tbk. sejak 2015."},
  {"Pemiliknya Google Inc. Perusahaan itu berbasis di California.", "Pemiliknya Google Inc. | Perusahaan itu berbasis di California."},
  {"Kapal milik Maersk Ltd. berlabuh di Tanjung Priok.", "Kapal milik Maersk Ltd. berlabuh di Tanjung Priok."},
  {"Lokasinya Kec. Cibinong. Warga diminta waspada.", "Lokasinya Kec. Cibinong. | Warga diminta waspada."},
  {"Ia dilantik sebagai Kapolda. Upacara berlangsung khidmat.", "Ia dilantik sebagai Kapolda. | Upacara berlangsung khidmat."},
  {"Pertandingan dimulai pukul 19.00 WIB. Stadion penuh.", "Pertandingan dimulai pukul 19.00 WIB. | Stadion penuh."},
  {"Rapat digelar di Gedung No. 7. Semua menteri hadir.", "Rapat digelar di Gedung No. 7. | Semua menteri hadir."},
  {"Aturan itu tercantum dalam Pasal 5 ayat (2). Hakim setuju.", "Aturan itu tercantum dalam Pasal 5 ayat (2). | Hakim setuju."},
  {"Ia kini bergelar S.H. Keluarga bangga.", "Ia kini bergelar S.H. Keluarga bangga."},
  {"Ia kini bergelar S.H. Mereka bangga.", "Ia kini bergelar S.H. | Mereka bangga."},
  {"Kantornya di JL. Merdeka. Ia berangkat pagi.", "Kantornya di JL. Merdeka. | Ia berangkat pagi."},
  {"Dosen itu bernama Prof. Sri. Ia mengajar fisika.", "Dosen itu bernama Prof. Sri. | Ia mengajar fisika."},
  {"Anggota DPR dari Fraksi PDI-P. Rapat ditunda.", "Anggota DPR dari Fraksi PDI-P. | Rapat ditunda."},
  {"Kurs rupiah Rp 15.600 per dolar AS. Bank Indonesia intervensi.", "Kurs rupiah Rp 15.600 per dolar AS. | Bank Indonesia intervensi."},
  {"Acara digelar 17/8/2024. Warga antusias.", "Acara digelar 17/8/2024. | Warga antusias."},
  {"Korban dibawa ke RSUD. Kondisinya stabil.", "Korban dibawa ke RSUD. | Kondisinya stabil."},
  {"Ia lulus tahun 1998. Setelah itu ia merantau.", "Ia lulus tahun 1998. | Setelah itu ia merantau."},
  {"\xE2\x80\x9CKami menolak,\xE2\x80\x9D kata Ketua. \xE2\x80\x9CIni tidak adil.\xE2\x80\x9D", "\xE2\x80\x9CKami menolak,\xE2\x80\x9D kata Ketua. | \xE2\x80\x9CIni tidak adil.\xE2\x80\x9D"},
  {"Ia bertanya, \"Kapan?\" Tidak ada jawaban.", "Ia bertanya, \"Kapan?\" | Tidak ada jawaban."},
  {"Lihat lampiran (hlm. 4). Tabel memuat data.", "Lihat lampiran (hlm. 4). | Tabel memuat data."},
  {"Email dikirim ke info@bnpb.go.id. Balasan belum ada.", "Email dikirim ke info@bnpb.go.id. | Balasan belum ada."},
  /* citation marks after a terminator belong to the sentence before (wiki copies) */
  {"Hak itu dilindungi undang-undang.[1] Pemerintah wajib menjaganya.", "Hak itu dilindungi undang-undang.[1] | Pemerintah wajib menjaganya."},
  {"Hak itu dilindungi undang-undang.[2][3] Pemerintah wajib menjaganya.", "Hak itu dilindungi undang-undang.[2][3] | Pemerintah wajib menjaganya."},
  {"Danau itu terbesar di pulau ini.[butuh rujukan] Airnya jernih.", "Danau itu terbesar di pulau ini.[butuh rujukan] | Airnya jernih."},
  {"Kerajaan itu runtuh pada abad ke-15.[a] Ibu kotanya dipindah.", "Kerajaan itu runtuh pada abad ke-15.[a] | Ibu kotanya dipindah."},
  {"Nama desa berasal dari bahasa Sunda.[catatan 1] Artinya mata air.", "Nama desa berasal dari bahasa Sunda.[catatan 1] | Artinya mata air."},
  {"Stasiun dibuka tahun 1925.[12] Gedungnya masih asli.", "Stasiun dibuka tahun 1925.[12] | Gedungnya masih asli."},
  {"Apakah itu benar?[5] Tidak ada yang tahu.", "Apakah itu benar?[5] | Tidak ada yang tahu."},
  {"Sungai itu meluap.[3]Warga mengungsi.", "Sungai itu meluap.[3] | Warga mengungsi."},
  {"Hak itu dilindungi undang-undang.[1]", "Hak itu dilindungi undang-undang.[1]"},
  {"Ia lahir pada 1990.[4] dan besar di Bandung.", "Ia lahir pada 1990.[4] dan besar di Bandung."},
  {"Kantornya di Jl.[6] Sudirman No. 5.", "Kantornya di Jl.[6] Sudirman No. 5."},
  {"Mereka kembali ke A.S.[7] Kemudian mereka beristirahat.", "Mereka kembali ke A.S.[7] | Kemudian mereka beristirahat."},
  {"Pasukan A.S.[8] tiba di pangkalan.", "Pasukan A.S.[8] tiba di pangkalan."},
  {"Ia berkata, \"Kami siap.\"[1] Menteri lalu pergi.", "Ia berkata, \"Kami siap.\"[1] | Menteri lalu pergi."},
  {"Ia berkata, \xE2\x80\x9CKami siap.\xE2\x80\x9D[2][3] Menteri lalu pergi.", "Ia berkata, \xE2\x80\x9CKami siap.\xE2\x80\x9D[2][3] | Menteri lalu pergi."},
  {"Benteng itu dibangun (abad ke-15.)[4] Kini menjadi museum.", "Benteng itu dibangun (abad ke-15.)[4] | Kini menjadi museum."},
  /* doctorates between "Dr." and the name */
  {"Pembimbingnya, Dr. Eng. Rahmat Hidayat, S.T., M.T., hadir. Ia senang.", "Pembimbingnya, Dr. Eng. Rahmat Hidayat, S.T., M.T., hadir. | Ia senang."},
  {"Ketua tim, Dr. rer. nat. Budi Santoso, hadir. Ia bangga.", "Ketua tim, Dr. rer. nat. Budi Santoso, hadir. | Ia bangga."},
  /* superscript digits as citation marks: with the sentence before, commas between them */
  {"Pindang berasal dari Palembang.\xC2\xB9 Rasanya asam.", "Pindang berasal dari Palembang.\xC2\xB9 | Rasanya asam."},
  {"Pindang berasal dari Palembang.\xC2\xB2,\xC2\xB3 Rasanya asam.", "Pindang berasal dari Palembang.\xC2\xB2,\xC2\xB3 | Rasanya asam."},
  {"Desa itu berdiri tahun 1901.\xE2\x81\xB4\xE2\x81\xB5 Kini ramai.", "Desa itu berdiri tahun 1901.\xE2\x81\xB4\xE2\x81\xB5 | Kini ramai."},
  {"Luasnya 12 km\xC2\xB2. Penduduknya padat.", "Luasnya 12 km\xC2\xB2. | Penduduknya padat."},
  {"Pindang berasal dari Palembang.\xC2\xB9", "Pindang berasal dari Palembang.\xC2\xB9"},
  /* a mark before the terminator */
  {"Hal itu dibenarkan, kata dia[4]. Pemerintah lalu bertindak.", "Hal itu dibenarkan, kata dia[4]. | Pemerintah lalu bertindak."},
  {"Kota itu didirikan Belanda[butuh rujukan]. Kini kota itu ramai.", "Kota itu didirikan Belanda[butuh rujukan]. | Kini kota itu ramai."},
  /* a stop glued to a capitalized word (forums, blogs) */
  {"Ia tinggal di kota.Warga di sana ramah.", "Ia tinggal di kota. | Warga di sana ramah."},
  /* a forum's informal pronoun after a glued stop (a short word, so a listed starter) */
  {"Makasih gan buat semua.Ane mau tanya lagi.", "Makasih gan buat semua. | Ane mau tanya lagi."},
  {"Halo agan semua.Mau tanya soal modem.", "Halo agan semua. | Mau tanya soal modem."},
  {"Kapal sering batal berangkat.Cek dulu jadwalnya.", "Kapal sering batal berangkat. | Cek dulu jadwalnya."},
  {"Mantap infonya gan.Ijo-ijo meluncur.", "Mantap infonya gan. | Ijo-ijo meluncur."},
  {"Buka situs detik.Com-news sekarang.", "Buka situs detik.Com-news sekarang."},
  {"Akhirnya sampai di Pulau Semau!Sudah lama kami menunggu.", "Akhirnya sampai di Pulau Semau! | Sudah lama kami menunggu."},
  {"Tim dipimpin Dr. Lasma Br. Sitompul dari Tarutung.", "Tim dipimpin Dr. Lasma Br. Sitompul dari Tarutung."},
  {"Kapal KM. Sabar Menanti tertahan di dermaga.", "Kapal KM. Sabar Menanti tertahan di dermaga."},
  {"Sudah saya restart kemarin.Apa ada solusinya?", "Sudah saya restart kemarin. | Apa ada solusinya?"},
  /* a rank in a street's name, a documentation credit */
  {"Kantor itu di Jl. Kom. Yos Sudarso nomor 5.", "Kantor itu di Jl. Kom. Yos Sudarso nomor 5."},
  {"Foto: Dok. Pasar Desa menunjukkan antrean.", "Foto: Dok. Pasar Desa menunjukkan antrean."},
  /* a phone's label holds only before its number; "HP" also ends a sentence */
  {"Cuaca dilihat di HP. Anak-anak minta selimut.", "Cuaca dilihat di HP. | Anak-anak minta selimut."},
  {"Hubungi HP. +62 812 3456 atau Telp. 021 555 untuk info.",
   "Hubungi HP. +62 812 3456 atau Telp. 021 555 untuk info."},
  /* a Roman numeral after a word it numbers; an initial after another word */
  {"Indeks menguat pada akhir sesi I. Investor asing membeli.",
   "Indeks menguat pada akhir sesi I. | Investor asing membeli."},
  {"Direktur Made I. Wayan datang.", "Direktur Made I. Wayan datang."},
  {"Ia pulang ke rumah.Kemudian ia tidur.", "Ia pulang ke rumah. | Kemudian ia tidur."},
  {"Kami tiba di Jakarta.Warga menyambut kami.", "Kami tiba di Jakarta. | Warga menyambut kami."},
  {"Ia pergi ke pasar.Ia membeli sayur.", "Ia pergi ke pasar. | Ia membeli sayur."},
  {"Ia membawa buku, pena, dll.Semua dibagikan.", "Ia membawa buku, pena, dll. | Semua dibagikan."},
  {"Baca Kompas.Com dan detik.Com setiap hari.", "Baca Kompas.Com dan detik.Com setiap hari."},
  {"Pakai aplikasi Bola.Net setiap hari.", "Pakai aplikasi Bola.Net setiap hari."},
  {"Baca di News.Detik.Com hari ini.", "Baca di News.Detik.Com hari ini."},
  {"Ia menemui Dr.Andi di kantornya.", "Ia menemui Dr.Andi di kantornya."},
  {"Kantornya di Jl.Sudirman Jakarta.", "Kantornya di Jl.Sudirman Jakarta."},
  {"Warga Kel.Cempaka mengungsi.", "Warga Kel.Cempaka mengungsi."},
  {"Ia meraih gelar Ph.D. di Leiden.", "Ia meraih gelar Ph.D. di Leiden."},
  {"Dokternya dr. Rina, Sp.OG. dari Bandung.", "Dokternya dr. Rina, Sp.OG. dari Bandung."},
  {"Unduh laporan.PDF dari situs itu.", "Unduh laporan.PDF dari situs itu."},
  {"Buka https://contoh.com/berita.Terkini untuk info.", "Buka https://contoh.com/berita.Terkini untuk info."},
  {"Kirim ke redaksi@berita.Nusantara sebelum Senin.", "Kirim ke redaksi@berita.Nusantara sebelum Senin."},
  {"Unduh aplikasi mobile2go.Android sekarang.", "Unduh aplikasi mobile2go.Android sekarang."},
  {"Panggil System.Out.println di Java.", "Panggil System.Out.println di Java."},
  {"Fitur Facebook.MarketPlace sudah ada.", "Fitur Facebook.MarketPlace sudah ada."},
  {"Pilih a.Benar atau b.Salah.", "Pilih a.Benar atau b.Salah."},
  /* plain sentences */
  {"Hujan turun. Jalan basah.", "Hujan turun. | Jalan basah."},
  {"Apakah ia datang? Tidak ada yang tahu.", "Apakah ia datang? | Tidak ada yang tahu."},
  {"Luar biasa! Tim menang.", "Luar biasa! | Tim menang."},
  {"Satu. Dua. Tiga.", "Satu. | Dua. | Tiga."},
  {"Tanpa titik di akhir", "Tanpa titik di akhir"},
  {"Pemerintah AS menjatuhkan sanksi. Iran membantah.", "Pemerintah AS menjatuhkan sanksi. | Iran membantah."},
  {"Rusia menyerang Kyiv. Ukraina membalas. PBB prihatin.", "Rusia menyerang Kyiv. | Ukraina membalas. | PBB prihatin."},
  {"Ia tiba kemarin.Kemudian ia pergi.", "Ia tiba kemarin. | Kemudian ia pergi."},
  {"Harga BBM naik.  Warga protes.", "Harga BBM naik. | Warga protes."},
  {"Korban tewas 12 orang. 5 orang hilang.", "Korban tewas 12 orang. 5 orang hilang."},
  {"Ini kalimat pertama; ini lanjutannya. Ini kalimat kedua.", "Ini kalimat pertama; ini lanjutannya. | Ini kalimat kedua."},
  {"Ia bertanya: siapa pelakunya? Polisi diam.", "Ia bertanya: siapa pelakunya? | Polisi diam."},
  {"Bola itu bundar. Bumi juga.", "Bola itu bundar. | Bumi juga."},
  {"Perang Dunia II. Setelah itu damai.", "Perang Dunia II. | Setelah itu damai."},
  {"Timnas menang 3-0! Pelatih senang.", "Timnas menang 3-0! | Pelatih senang."},
  /* a sentence starter written in lower case (a news brand) after '.', '?' or '!' */
  {"Uang itu hilang sendiri. detikcom mendapatkan datanya.", "Uang itu hilang sendiri. | detikcom mendapatkan datanya."},
  {"Benarkah? detikcom menanyakannya.", "Benarkah? | detikcom menanyakannya."},
  {"Uang itu hilang sendiri. detik mendapatkan datanya.", "Uang itu hilang sendiri. detik mendapatkan datanya."},
  {"Kantornya di Jl. detikcom nomor 5.", "Kantornya di Jl. detikcom nomor 5."},
  /* '!' or '?' glued inside a capitalized word is a brand's; after a word in lower case, an end */
  {"Temanya Let's Go!Travel. Acara dibuka besok.", "Temanya Let's Go!Travel. | Acara dibuka besok."},
  {"Infonya mantap!Terima kasih, gan.", "Infonya mantap! | Terima kasih, gan."},
};
/* clang-format on */

#define NCASES (sizeof cases / sizeof cases[0])

/* Criterion runs each test in a fresh process where pointers in parameters are not valid, so
 * the parameters are indices into the static table. */
ParameterizedTestParameters(splitter, cases) {
  static size_t idx[NCASES];
  for (size_t i = 0; i < NCASES; i++) idx[i] = i;
  return cr_make_param_array(size_t, idx, NCASES);
}

ParameterizedTest(size_t *i, splitter, cases, .init = setup, .fini = teardown) {
  const seg_case *c = &cases[*i];
  char *got = split_joined(sp, c->in);
  cr_expect_str_eq(got, c->want, "input: %s", c->in);
  free(got);
}

Test(splitter, enough_cases) {
  /* the issue asks for at least 150 Indonesian cases across this file */
  cr_assert_geq(sizeof cases / sizeof cases[0], 150);
}

Test(splitter, split_quotes_option_breaks_inside_quotation, .init = setup, .fini = teardown) {
  seg_error err = {0};
  seg_splitter_opts o = {.locale = "id", .split_quotes = 1};
  seg_splitter *q = seg_splitter_new(abbr, &o, &err);
  char *got = split_joined(q, "\"Indonesia siap. Kami tidak diam,\" kata dia.");
  cr_expect_str_eq(got, "\"Indonesia siap. | Kami tidak diam,\" kata dia.");
  free(got);
  seg_splitter_free(q);
}

Test(splitter, many_sentences_in_quotes_still_break, .init = setup, .fini = teardown) {
  /* a stray quote mark must not glue a whole paragraph together */
  char *got = split_joined(sp, "\"A satu. B dua. C tiga. D empat. E lima. F enam.\" Lalu.");
  cr_expect_str_eq(got, "\"A satu. | B dua. | C tiga. | D empat. | E lima. | F enam.\" | Lalu.");
  free(got);
}

/* A name's degrees end a sentence before a capitalized word with a lower-case one after it;
 * before a capitalized name, or without the name's comma (initials), they do not. */
Test(splitter, degrees_after_a_name_end_a_sentence, .init = setup, .fini = teardown) {
  static const char *const cases[][2] = {
    {"Tim dibimbing Rudi Hartanto, S.T., M.Eng. Persiapan dilakukan selama delapan bulan.",
     "Tim dibimbing Rudi Hartanto, S.T., M.Eng. | Persiapan dilakukan selama delapan bulan."},
    {"Acara dibuka Rina Wati, M.Si. Peserta datang dari tiga kabupaten.",
     "Acara dibuka Rina Wati, M.Si. | Peserta datang dari tiga kabupaten."},
    {"Makalah Rina Wati, S.Ars. Universitas Gadjah Mada terbit.",
     "Makalah Rina Wati, S.Ars. Universitas Gadjah Mada terbit."},
    {"Direktur S.H. Pratama membuka acara itu.", "Direktur S.H. Pratama membuka acara itu."},
    {"Dosen itu, Rina Wati, M.T. dan Budi, S.T. datang.",
     "Dosen itu, Rina Wati, M.T. dan Budi, S.T. datang."},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *got = split_joined(sp, cases[i][0]);
    cr_expect_str_eq(got, cases[i][1]);
    free(got);
  }
}

Test(splitter, raw_icu_ignores_abbreviations, .init = setup, .fini = teardown) {
  seg_error err = {0};
  seg_splitter_opts o = {.locale = "id", .raw = 1};
  seg_splitter *raw = seg_splitter_new(abbr, &o, &err);
  char *got = split_joined(raw, "Ia bertemu Dr. Budi.");
  cr_expect_str_eq(got, "Ia bertemu Dr. | Budi.");
  free(got);
  seg_splitter_free(raw);
}

Test(splitter, spans_are_trimmed_and_cover_text, .init = setup, .fini = teardown) {
  const char *in = "Satu.   Dua.  ";
  const seg_span *s;
  seg_error err = {0};
  long n = seg_splitter_split(sp, in, strlen(in), &s, &err);
  cr_assert_eq(n, 2);
  cr_expect_eq(s[0].start, 0);
  cr_expect_eq(s[0].end, 5);
  cr_expect_eq(s[1].start, 8);
  cr_expect_eq(s[1].end, 12);
}

Test(splitter, empty_and_multibyte_offsets, .init = setup, .fini = teardown) {
  const seg_span *s;
  seg_error err = {0};
  cr_expect_eq(seg_splitter_split(sp, "", 0, &s, &err), 0);
  const char *in = "\xF0\x9F\x98\x80 Emoji. \xC3\x89t\xC3\xA9 tiba.";
  long n = seg_splitter_split(sp, in, strlen(in), &s, &err);
  cr_assert_eq(n, 2);
  cr_expect_eq(s[1].start, 12); /* byte offset, not UTF-16 */
}

/* Entries added to glossary/id/abbreviations.yaml from PUEBI / EYD, the lists of academic
 * degrees, TNI and Polri ranks and acting office titles: each has its kind, a sentence where it
 * must not end one, and (final_ok) a sentence it ends. A degree's sentence is a template. */
typedef struct {
  const char *tok;
  seg_abbr_kind kind;
  const char *keep; /* one sentence; NULL: the degree template */
  const char *ends; /* final_ok: "A | B" */
} abbr_entry;

/* clang-format off */
static const abbr_entry new_entries[] = {
  {"Plt.", SEG_ABBR_TITLE, "Rapat dipimpin Plt. Gubernur Jawa Timur.", NULL},
  {"Plh.", SEG_ABBR_TITLE, "Surat itu diteken Plh. Sekretaris Daerah kemarin.", NULL},
  {"Pj.", SEG_ABBR_TITLE, "Pelantikan Pj. Bupati Bekasi digelar Senin.", NULL},
  {"Pjs.", SEG_ABBR_TITLE, "Kebijakan itu diambil Pjs. Wali Kota Medan.", NULL},
  {"Laks.", SEG_ABBR_TITLE, "Upacara dipimpin Laks. Yudo Margono di dermaga.", NULL},
  {"Kap.", SEG_ABBR_TITLE, "Kompi itu dipimpin Kap. Arif sejak Maret.", NULL},
  {"Peltu.", SEG_ABBR_TITLE, "Laporan dibuat Peltu. Sugeng di pos jaga.", NULL},
  {"Pelda.", SEG_ABBR_TITLE, "Bantuan diantar Pelda. Wahyu ke desa.", NULL},
  {"Serka.", SEG_ABBR_TITLE, "Korban ditolong Serka. Anton dari Koramil.", NULL},
  {"Koptu.", SEG_ABBR_TITLE, "Jenazah dibawa Koptu. Rudi ke rumah duka.", NULL},
  {"Kopka.", SEG_ABBR_TITLE, "Senjata itu milik Kopka. Dedi yang bertugas malam.", NULL},
  {"Pratu.", SEG_ABBR_TITLE, "Penghargaan diterima Pratu. Yosua di Jayapura.", NULL},
  {"Prada.", SEG_ABBR_TITLE, "Pemakaman Prada. Lukas berlangsung khidmat.", NULL},
  {"Aipda.", SEG_ABBR_TITLE, "Pengendara ditilang Aipda. Hasan di simpang empat.", NULL},
  {"Briptu.", SEG_ABBR_TITLE, "Anak itu ditemukan Briptu. Fajar di pasar.", NULL},
  {"Bripda.", SEG_ABBR_TITLE, "Kasus itu ditangani Bripda. Salsa dari Polsek.", NULL},
  {"Abrip.", SEG_ABBR_TITLE, "Pos itu dijaga Abrip. Yanto setiap malam.", NULL},
  {"Abriptu.", SEG_ABBR_TITLE, "Barang bukti dibawa Abriptu. Riko ke markas.", NULL},
  {"Abripda.", SEG_ABBR_TITLE, "Patroli dilakukan Abripda. Nanda bersama warga.", NULL},
  {"Abrippol.", SEG_ABBR_TITLE, "Warga melapor kepada Abrippol. Sari di pos.", NULL},
  {"Bharaka.", SEG_ABBR_TITLE, "Korban dievakuasi Bharaka. Hendra dengan perahu.", NULL},
  {"Bharatu.", SEG_ABBR_TITLE, "Pengamanan dibantu Bharatu. Galih dari Brimob.", NULL},
  {"Bharada.", SEG_ABBR_TITLE, "Kesaksian Bharada. Eliezer didengar hakim.", NULL},
  {"Pol.", SEG_ABBR_TITLE, "Keterangan disampaikan Kombes Pol. Yusri di Jakarta.", NULL},
  {"Inf.", SEG_ABBR_TITLE, "Batalyon itu dipimpin Kol. Inf. Hendri sejak tahun lalu.", NULL},
  {"Purn.", SEG_ABBR_TITLE, "Ia bertemu Jenderal (Purn.) Wiranto di kantornya.", NULL},
  {"A.K.B.P.", SEG_ABBR_TITLE, "Penyidik A.K.B.P. Purnomo memeriksa saksi.", NULL},
  {"Moh.", SEG_ABBR_TITLE, "Proklamasi dibacakan Soekarno dan Moh. Hatta.", NULL},
  {"Muh.", SEG_ABBR_TITLE, "Buku itu ditulis Muh. Yamin pada 1951.", NULL},
  {"Moch.", SEG_ABBR_TITLE, "Penghargaan diberikan kepada Moch. Nuh di Surabaya.", NULL},
  {"Mhd.", SEG_ABBR_TITLE, "Pemenangnya Mhd. Rizki dari Medan.", NULL},
  {"Abd.", SEG_ABBR_TITLE, "Sambutan dibacakan Abd. Rahman selaku ketua.", NULL},
  {"Ustz.", SEG_ABBR_TITLE, "Pengajian diisi Ustz. Halimah setiap Kamis.", NULL},
  {"Tgk.", SEG_ABBR_TITLE, "Dayah itu didirikan Tgk. Chik di Tiro.", NULL},
  {"drh.", SEG_ABBR_TITLE, "Sapi itu diperiksa drh. Wulan dari dinas peternakan.", NULL},
  {"Ns.", SEG_ABBR_TITLE, "Pasien dirawat Ns. Rina di bangsal anak.", NULL},
  {"QS.", SEG_ABBR_TITLE, "Ayat itu terdapat dalam QS. Al-Baqarah ayat 183.", NULL},
  {"Q.S.", SEG_ABBR_TITLE, "Perintah itu termuat dalam Q.S. Al-Ahzab ayat 56.", NULL},
  {"HR.", SEG_ABBR_TITLE, "Hadis itu diriwayatkan (HR. Bukhari) dengan sanad sahih.", NULL},
  {"tgl.", SEG_ABBR_ALWAYS, "Surat itu bertanggal tgl. Senin pekan lalu.", NULL},
  {"jml.", SEG_ABBR_ALWAYS, "Kolom jml. Penduduk belum diisi.", NULL},
  {"dl.", SEG_ABBR_ALWAYS, "Hal itu diatur dl. Peraturan Daerah Nomor 3.", NULL},
  {"ttd.", SEG_ABBR_ALWAYS, "Surat itu ditutup dengan ttd. Kepala Desa Sukamaju.", NULL},
  {"cq.", SEG_ABBR_ALWAYS, "Surat ditujukan kepada Bupati cq. Kepala Dinas Pendidikan.", NULL},
  {"c.q.", SEG_ABBR_ALWAYS, "Laporan dikirim ke Menteri c.q. Direktur Jenderal Pajak.", NULL},
  {"ybs.", SEG_ABBR_FINAL_OK, "Surat itu diserahkan kepada ybs. pada hari Senin.", "Izin itu diserahkan kepada ybs. | Ia menerimanya dengan senang."},
  {"saw.", SEG_ABBR_FINAL_OK, "Nabi Muhammad saw. bersabda tentang kebersihan.", "Kita meneladani Nabi Muhammad saw. | Semoga kita istikamah."},
  {"swt.", SEG_ABBR_FINAL_OK, "Allah swt. menciptakan langit dan bumi.", "Kita bersyukur kepada Allah swt. | Semoga kita sehat."},
  {"Saw.", SEG_ABBR_FINAL_OK, "Rasulullah Saw. hijrah ke Madinah.", "Itu sunah Rasulullah Saw. | Umat Islam mengamalkannya."},
  {"Swt.", SEG_ABBR_FINAL_OK, "Allah Swt. memerintahkan salat lima waktu.", "Semua milik Allah Swt. | Manusia hanya dititipi."},
  {"SAW.", SEG_ABBR_FINAL_OK, "Nabi Muhammad SAW. lahir di Mekah.", "Peringatan itu untuk Nabi Muhammad SAW. | Semoga berkah."},
  {"SWT.", SEG_ABBR_FINAL_OK, "Allah SWT. memberi rezeki kepada semua makhluk.", "Kita berdoa kepada Allah SWT. | Semoga bencana berlalu."},
  {"S.A.W.", SEG_ABBR_FINAL_OK, "Nabi Muhammad S.A.W. wafat di Madinah.", "Kita bershalawat untuk Nabi Muhammad S.A.W. | Semoga kita mendapat syafaat."},
  {"S.W.T.", SEG_ABBR_FINAL_OK, "Allah S.W.T. mengampuni hamba-Nya.", "Semua kembali kepada Allah S.W.T. | Manusia harus sabar."},
  {"a.s.", SEG_ABBR_FINAL_OK, "Nabi Ibrahim a.s. membangun Kakbah bersama putranya.", "Kisah itu tentang Nabi Musa a.s. | Pelajarannya banyak."},
  {"r.a.", SEG_ABBR_FINAL_OK, "Umar bin Khattab r.a. menjadi khalifah kedua.", "Riwayat itu dari Aisyah r.a. | Sanadnya sahih."},
  {"ra.", SEG_ABBR_FINAL_OK, "Abu Bakar ra. menemani Nabi hijrah.", "Kisah itu tentang Utsman bin Affan ra. | Beliau dermawan."},
  {"S.Ars.", SEG_ABBR_DEGREE, NULL, NULL}, {"S.Apt.", SEG_ABBR_DEGREE, NULL, NULL},
  {"S.E.I.", SEG_ABBR_DEGREE, NULL, NULL}, {"S.Fil.", SEG_ABBR_DEGREE, NULL, NULL},
  {"S.Fil.I.", SEG_ABBR_DEGREE, NULL, NULL}, {"S.H.I.", SEG_ABBR_DEGREE, NULL, NULL},
  {"S.I.Kom.", SEG_ABBR_DEGREE, NULL, NULL}, {"S.IKom.", SEG_ABBR_DEGREE, NULL, NULL},
  {"S.I.P.", SEG_ABBR_DEGREE, NULL, NULL}, {"S.Kel.", SEG_ABBR_DEGREE, NULL, NULL},
  {"S.Kom.I.", SEG_ABBR_DEGREE, NULL, NULL}, {"S.Hut.", SEG_ABBR_DEGREE, NULL, NULL},
  {"S.K.G.", SEG_ABBR_DEGREE, NULL, NULL}, {"S.K.H.", SEG_ABBR_DEGREE, NULL, NULL},
  {"S.K.M.", SEG_ABBR_DEGREE, NULL, NULL}, {"S.Mn.", SEG_ABBR_DEGREE, NULL, NULL},
  {"S.P.", SEG_ABBR_DEGREE, NULL, NULL}, {"S.Pt.", SEG_ABBR_DEGREE, NULL, NULL},
  {"S.Pi.", SEG_ABBR_DEGREE, NULL, NULL}, {"S.TP.", SEG_ABBR_DEGREE, NULL, NULL},
  {"S.S.", SEG_ABBR_DEGREE, NULL, NULL}, {"S.Sn.", SEG_ABBR_DEGREE, NULL, NULL},
  {"S.Th.", SEG_ABBR_DEGREE, NULL, NULL}, {"S.Tr.", SEG_ABBR_DEGREE, NULL, NULL},
  {"S.STP.", SEG_ABBR_DEGREE, NULL, NULL}, {"S.Tr.Kep.", SEG_ABBR_DEGREE, NULL, NULL},
  {"S.Tr.K.", SEG_ABBR_DEGREE, NULL, NULL}, {"S.Pd.I.", SEG_ABBR_DEGREE, NULL, NULL},
  {"A.P.", SEG_ABBR_DEGREE, NULL, NULL}, {"A.Ma.", SEG_ABBR_DEGREE, NULL, NULL},
  {"A.Md.Keb.", SEG_ABBR_DEGREE, NULL, NULL}, {"A.Md.Kep.", SEG_ABBR_DEGREE, NULL, NULL},
  {"M.Cs.", SEG_ABBR_DEGREE, NULL, NULL}, {"M.P.H.", SEG_ABBR_DEGREE, NULL, NULL},
  {"M.Hut.", SEG_ABBR_DEGREE, NULL, NULL}, {"M.Ak.", SEG_ABBR_DEGREE, NULL, NULL},
  {"M.Kn.", SEG_ABBR_DEGREE, NULL, NULL}, {"M.Psi.", SEG_ABBR_DEGREE, NULL, NULL},
  {"M.Farm.", SEG_ABBR_DEGREE, NULL, NULL}, {"M.I.Kom.", SEG_ABBR_DEGREE, NULL, NULL},
  {"M.Biomed.", SEG_ABBR_DEGREE, NULL, NULL}, {"M.Pd.I.", SEG_ABBR_DEGREE, NULL, NULL},
};
/* clang-format on */

#define NENTRIES (sizeof new_entries / sizeof new_entries[0])

ParameterizedTestParameters(abbrevs, new_entries) {
  static size_t idx[NENTRIES];
  for (size_t i = 0; i < NENTRIES; i++) idx[i] = i;
  return cr_make_param_array(size_t, idx, NENTRIES);
}

ParameterizedTest(size_t *i, abbrevs, new_entries, .init = setup, .fini = teardown) {
  const abbr_entry *e = &new_entries[*i];
  cr_expect_eq(seg_abbrevs_find(abbr, e->tok, strlen(e->tok)), e->kind, "kind of %s", e->tok);
  char keep[160];
  if (e->keep) snprintf(keep, sizeof keep, "%s", e->keep);
  else snprintf(keep, sizeof keep, "Makalah Rina Wati, %s Universitas Gadjah Mada terbit.", e->tok);
  cr_expect(strstr(keep, e->tok), "%s: the sentence must hold the token", e->tok);
  char *got = split_joined(sp, keep);
  cr_expect_str_eq(got, keep, "%s must not end a sentence", e->tok);
  free(got);
  cr_expect((e->kind == SEG_ABBR_FINAL_OK) == (e->ends != NULL), "%s: final_ok needs a sentence it ends", e->tok);
  if (!e->ends) return;
  seg_buf in = {0};
  const char *bar = strstr(e->ends, " | ");
  cr_assert(bar, "%s", e->ends);
  seg_buf_append(&in, e->ends, (size_t)(bar - e->ends));
  seg_buf_append(&in, bar + 2, strlen(bar + 2));
  seg_buf_append(&in, "", 1);
  got = split_joined(sp, in.data);
  cr_expect_str_eq(got, e->ends, "%s ends a sentence", e->tok);
  free(got);
  seg_buf_free(&in);
}

/* Abbreviation list kinds and validation. */
Test(abbrevs, kinds_from_yaml) {
  seg_abbrevs *a = seg_abbrevs_new();
  seg_error err = {0};
  const char *y = "title: [Dr.]\nnumeric: [No.]\nfinal_ok: [dll.]\nacronym: [A.S.]\ndegree: [M.Eng.]\n"
                  "always: [Jl.]\nsentence_starters: [Namun]\n";
  cr_assert_eq(seg_abbrevs_add_yaml(a, y, strlen(y), "t.yaml", &err), SEG_OK, "%s", err.msg);
  cr_expect_eq(seg_abbrevs_find(a, "Dr.", 3), SEG_ABBR_TITLE);
  cr_expect_eq(seg_abbrevs_find(a, "No.", 3), SEG_ABBR_NUMERIC);
  cr_expect_eq(seg_abbrevs_find(a, "dll.", 4), SEG_ABBR_FINAL_OK);
  cr_expect_eq(seg_abbrevs_find(a, "A.S.", 4), SEG_ABBR_ACRONYM);
  cr_expect_eq(seg_abbrevs_find(a, "M.Eng.", 6), SEG_ABBR_DEGREE);
  cr_expect_eq(seg_abbrevs_find(a, "Jl.", 3), SEG_ABBR_ALWAYS);
  cr_expect_eq(seg_abbrevs_find(a, "dr.", 3), 0);
  seg_abbrevs_free(a);
}

/* Many tokens of every length, with near misses that share length, first or last byte (the
 * table's bit-set filter keys on those three). */
Test(abbrevs, every_length_found_near_misses_not) {
  seg_abbrevs *a = seg_abbrevs_new();
  char tok[64], miss[64];
  for (size_t n = 1; n <= 40; n++) /* lengths past 15 share the filter's length field */
    for (int v = 0; v < 20; v++) {
      for (size_t i = 0; i < n; i++) tok[i] = (char)('a' + (i * 7 + (size_t)v * 3 + n) % 26);
      seg_abbrevs_add(a, tok, n, SEG_ABBR_TITLE);
    }
  seg_abbrevs_add(a, "", 0, SEG_ABBR_TITLE); /* an empty token is no token */
  cr_expect_eq(seg_abbrevs_find(a, "", 0), 0);
  for (size_t n = 1; n <= 40; n++)
    for (int v = 0; v < 20; v++) {
      for (size_t i = 0; i < n; i++) tok[i] = (char)('a' + (i * 7 + (size_t)v * 3 + n) % 26);
      cr_expect_eq(seg_abbrevs_find(a, tok, n), SEG_ABBR_TITLE, "length %zu variant %d", n, v);
      memcpy(miss, tok, n);
      miss[n / 2] = 'Z'; /* never in a token; same length, first and last byte when n > 2 */
      cr_expect_eq(seg_abbrevs_find(a, miss, n), 0, "length %zu variant %d", n, v);
    }
  seg_abbrevs_free(a);
}

Test(abbrevs, entries_are_trimmed_and_validated) {
  seg_abbrevs *a = seg_abbrevs_new();
  seg_error err = {0};
  const char *ok = "title: ['  Dr.  ']\n";
  cr_assert_eq(seg_abbrevs_add_yaml(a, ok, strlen(ok), "t.yaml", &err), SEG_OK);
  cr_expect_eq(seg_abbrevs_find(a, "Dr.", 3), SEG_ABBR_TITLE);
  const char *bad = "title: [Dr]\n";
  cr_expect_eq(seg_abbrevs_add_yaml(a, bad, strlen(bad), "t.yaml", &err), SEG_ERR_CONFIG);
  cr_expect_eq(err.line, 1);
  cr_expect_eq(err.col, 9);
  cr_expect(strstr(err.msg, "must be one token ending in '.'"), "%s", err.msg);
  const char *unknown = "titles: [Dr.]\n";
  cr_expect_eq(seg_abbrevs_add_yaml(a, unknown, strlen(unknown), "t.yaml", &err), SEG_ERR_CONFIG);
  cr_expect(strstr(err.msg, "unknown key 'titles'"), "%s", err.msg);
  const char *lower = "sentence_starters: [Namun, d2x]\n";
  cr_expect_eq(seg_abbrevs_add_yaml(a, lower, strlen(lower), "t.yaml", &err), SEG_ERR_CONFIG);
  cr_expect_eq(err.col, 28);
  cr_expect(strstr(err.msg, "in lower case must begin with two ASCII letters"), "%s", err.msg);
  const char *two = "numbered: [sesi, 'dua kata']\nsentence_starters: ['Lalu itu']\n";
  cr_expect_eq(seg_abbrevs_add_yaml(a, two, strlen(two), "t.yaml", &err), SEG_ERR_CONFIG);
  cr_expect_eq(err.col, 18);
  cr_expect(strstr(err.msg, "numbered word 'dua kata' must be one word"), "%s", err.msg);
  const char *st = "sentence_starters: ['Lalu itu']\n";
  cr_expect_eq(seg_abbrevs_add_yaml(a, st, strlen(st), "t.yaml", &err), SEG_ERR_CONFIG);
  cr_expect(strstr(err.msg, "sentence starter 'Lalu itu' must be one word"), "%s", err.msg);
  seg_abbrevs_free(a);
}

Test(abbrevs, default_lists_load) {
  seg_error err = {0};
  seg_abbrevs *id = seg_abbrevs_default("id", &err);
  seg_abbrevs *en = seg_abbrevs_default("en", &err);
  cr_assert_not_null(id, "%s", err.msg);
  cr_assert_not_null(en, "%s", err.msg);
  cr_expect_gt(seg_abbrevs_count(id), 300);
  cr_expect_eq(seg_abbrevs_find(en, "Mr.", 3), SEG_ABBR_TITLE);
  seg_abbrevs_free(id);
  seg_abbrevs_free(en);
}

/* Unicode's SentenceBreakTest.txt (tests/data, Unicode 15.0 = ICU 72's data): the raw path
 * (--raw-icu) must give exactly the boundaries the conformance file lists. */
Test(conformance, unicode_sentence_break_test, .init = setup, .fini = teardown) {
  FILE *f = fopen(SOURCE_DIR "/tests/data/SentenceBreakTest.txt", "r");
  cr_assert_not_null(f, "tests/data/SentenceBreakTest.txt is part of the repository");
  seg_error err = {0};
  seg_splitter_opts o = {.locale = "id", .raw = 1};
  seg_splitter *raw = seg_splitter_new(abbr, &o, &err);
  char line[4096];
  size_t tested = 0, skipped = 0;
  while (fgets(line, sizeof line, f)) {
    char *hash = strchr(line, '#');
    if (hash) *hash = '\0';
    if (!strstr(line, "\xC3\xB7")) continue; /* no ÷: comment or blank */
    seg_buf text = {0};
    size_t want[64], nwant = 0;
    int surrogate = 0;
    for (char *p = line; *p;) {
      if (!strncmp(p, "\xC3\xB7", 2)) { /* ÷ break here */
        if (text.len && nwant < 64) want[nwant++] = text.len;
        p += 2;
      } else if (!strncmp(p, "\xC3\x97", 2)) { /* × no break */
        p += 2;
      } else if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'F')) {
        unsigned long cp = strtoul(p, &p, 16);
        if (cp >= 0xD800 && cp <= 0xDFFF) surrogate = 1;
        seg_buf_put_utf8(&text, (unsigned)cp);
      } else {
        p++;
      }
    }
    if (surrogate) {
      skipped++;
      seg_buf_free(&text);
      continue;
    }
    const seg_span *spans;
    seg_splitter_split(raw, text.data, text.len, &spans, &err);
    const size_t *got;
    size_t ngot = seg_splitter_boundaries(raw, &got);
    /* the file lists the final break at the end too; ours stops before it */
    cr_expect_eq(ngot + 1, nwant, "boundary count for: %s", line);
    for (size_t i = 0; i < ngot && i < nwant; i++)
      cr_expect_eq(got[i], want[i], "boundary %zu of: %s", i, line);
    tested++;
    seg_buf_free(&text);
  }
  fclose(f);
  seg_splitter_free(raw);
  cr_expect_geq(tested, 490, "tested %zu, skipped %zu", tested, skipped);
}

/* ICU is consulted only in windows around terminators; whole-paragraph ICU (opts.icu_full)
 * must give the same boundaries. Random strings over characters of every Sentence_Break class
 * (several per class, ASCII and not), with and without the Indonesian rules. */
static const char *const sb_alphabet[] = {
    "a", "z", "b", "A", "Z", "\xC3\xA9" /* é Lower */, "\xC3\x89" /* É Upper */,
    "\xE5\xAE\x83" /* 它 OLetter */, "\xD8\xA8" /* ب OLetter */, "1", "9",
    "\xD9\xA3" /* ٣ Numeric */, ".", ".", ".", "\xE2\x80\xA4" /* ․ ATerm */, "!", "?",
    "\xE3\x80\x82" /* 。 STerm */, "\xEF\xBC\x81" /* ！ STerm */, "\"", "'", "(", ")",
    "\xE2\x80\x9C", "\xE2\x80\x9D", "\xC2\xAB", "\xC2\xBB" /* Close */, " ", " ", " ",
    "\xC2\xA0" /* NBSP Sp */, "\xE2\x80\x83" /* em space Sp */, ",", ";", ":", "-",
    "\xE2\x80\x94" /* — SContinue */, "\xCC\x88" /* ̈ Extend */, "\xE2\x81\xA0" /* WJ Format */,
    "\xC2\xAD" /* soft hyphen Format */, "\xE2\x80\xA6" /* … Other */, "#", "/", "%",
    "\xF0\x9F\x98\x80" /* 😀 Other, 4 bytes */};

static void expect_same_boundaries(seg_splitter *win, seg_splitter *full, const char *text,
                                   size_t len) {
  const seg_span *spans;
  seg_error err = {0};
  cr_assert_geq(seg_splitter_split(win, text, len, &spans, &err), 0, "%s", err.msg);
  const size_t *a, *b;
  size_t na = seg_splitter_boundaries(win, &a);
  size_t *copy = malloc((na + 1) * sizeof *copy);
  if (na) memcpy(copy, a, na * sizeof *a);
  cr_assert_geq(seg_splitter_split(full, text, len, &spans, &err), 0, "%s", err.msg);
  size_t nb = seg_splitter_boundaries(full, &b);
  cr_assert_eq(na, nb, "boundary count %zu (windows) vs %zu (whole) for [%.*s]", na, nb,
               (int)len, text);
  for (size_t i = 0; i < na; i++)
    cr_assert_eq(copy[i], b[i], "boundary %zu: %zu vs %zu for [%.*s]", i, copy[i], b[i],
                 (int)len, text);
  free(copy);
}

Test(icu_windows, same_boundaries_as_whole_paragraphs, .init = setup, .fini = teardown) {
  seg_error err = {0};
  for (int raw = 0; raw <= 1; raw++) {
    seg_splitter_opts ow = {.locale = "id", .raw = raw};
    seg_splitter_opts of = {.locale = "id", .raw = raw, .icu_full = 1};
    seg_splitter *win = seg_splitter_new(abbr, &ow, &err);
    seg_splitter *full = seg_splitter_new(abbr, &of, &err);
    cr_assert(win && full, "%s", err.msg);
    unsigned long long rng = 0x9E3779B97F4A7C15ull + (unsigned)raw;
    size_t nalpha = sizeof sb_alphabet / sizeof *sb_alphabet;
    seg_buf text = {0};
    for (int iter = 0; iter < 30000; iter++) {
      seg_buf_clear(&text);
      rng = rng * 6364136223846793005ull + 1442695040888963407ull;
      size_t n = (size_t)(rng >> 59) + (size_t)(rng >> 61) * 8; /* 0..55 characters */
      for (size_t k = 0; k < n; k++) {
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        const char *c = sb_alphabet[(rng >> 33) % nalpha];
        seg_buf_append(&text, c, strlen(c));
      }
      expect_same_boundaries(win, full, text.data ? text.data : "", text.len);
    }
    /* mostly "x. Y" windows (decided without ICU) with a few shapes next to them that are
     * not: no space, a digit, a closing quote, two terminators, a mark, a non-ASCII letter */
    static const char *const shapes[] = {"a", "b", "Z", "Q", "kata", "Jl", " ", " ", ". ", ".  ",
                                         "? ", "! ", ". A", ". b", "? c", "1", "\"", ")", "..",
                                         "\xCC\x88", "\xC3\xA9", "\xC3\x89", ".", "\xC2\xA0",
                                         /* before a stop: no letter, or a window's end */
                                         "(5/5)", ", ", "-", "#", "Dr. ", "S", "S. ",
                                         /* a sentence starter in lower case */
                                         "detikcom", ". iPhone"};
    size_t nshapes = sizeof shapes / sizeof *shapes;
    for (int iter = 0; iter < 30000; iter++) {
      seg_buf_clear(&text);
      rng = rng * 6364136223846793005ull + 1442695040888963407ull;
      size_t n = (size_t)(rng >> 59) + (size_t)(rng >> 61) * 8;
      for (size_t k = 0; k < n; k++) {
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        const char *c = shapes[(rng >> 33) % nshapes];
        seg_buf_append(&text, c, strlen(c));
      }
      expect_same_boundaries(win, full, text.data ? text.data : "", text.len);
    }
    /* citation marks and stops glued to a word (mark_breaks: both paths find the same) */
    static const char *const marks[] = {"a", "kota", "Warga", "Ia", "Com", "Z", "1", " ", " ",
                                        ".", ".", "!", "?", "[", "]", "[1]", "[a]", "[A]",
                                        "[butuh rujukan]", "Jl", "dll", "\"", ")", "'", "@",
                                        "/", "\xE2\x80\x9D", "\xC2\xBB", "\xC3\xA9",
                                        "\xCC\x88", "\xE2\x80\xA4", "\xC2\xB9", "\xC2\xB2",
                                        ",", "\xE2\x81\xB4"};
    size_t nmarks = sizeof marks / sizeof *marks;
    for (int iter = 0; iter < 30000; iter++) {
      seg_buf_clear(&text);
      rng = rng * 6364136223846793005ull + 1442695040888963407ull;
      size_t n = (size_t)(rng >> 59) + (size_t)(rng >> 61) * 8;
      for (size_t k = 0; k < n; k++) {
        rng = rng * 6364136223846793005ull + 1442695040888963407ull;
        const char *c = marks[(rng >> 33) % nmarks];
        seg_buf_append(&text, c, strlen(c));
      }
      expect_same_boundaries(win, full, text.data ? text.data : "", text.len);
    }
    /* news-like text: abbreviations, numbers, quotations, URLs */
    static const char *const news[] = {
        "Prof. Dr. Sri Wahyuni, S.H., M.Hum. tiba pukul 10.30 WIB. Ia disambut di Jl. Sudirman "
        "No. 5. \xE2\x80\x9C" "Kami siap,\xE2\x80\x9D katanya. Harga naik Rp 1,5 triliun (5,2 persen)."
        " Lihat www.contoh.go.id. AS dan P.B.B. sepakat... Lalu? Ya! \xE2\x80\x9C" "Benar.\xE2\x80\x9D",
        "a.l. dll. dsb. dkk. Tbk. PT. No. 1. 2. 3. (4.) \xE2\x80\x9C" "A. B.\xE2\x80\x9D c. D.",
        "Mengapa?\xE2\x80\x9D tanya dia. \xC2\xBB" "Nein!\xC2\xAB sagte er. 5.000 orang; 3.14 ... x.",
    };
    for (size_t k = 0; k < sizeof news / sizeof *news; k++)
      expect_same_boundaries(win, full, news[k], strlen(news[k]));
    seg_buf_free(&text);
    seg_splitter_free(win);
    seg_splitter_free(full);
  }
}
