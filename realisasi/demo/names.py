"""Name catalogues of the demo Kabupaten Sukamaju (see realisasi/demo/__init__.py).

Plain data: OPDs, kecamatan, the nomenclature of programs / kegiatan / sub-kegiatan, sumber
dana, people's names and the kendala/solusi a PPTK writes. The names sound like a real
Kabupaten in Central Java; they are fictitious.
"""

from opd.choices import JenisOpd

from ..choices import KelompokDana

KABUPATEN = "Sukamaju"

# The three Asisten of the Sekretaris Daerah that coordinate the OPDs.
ASISTEN = [
    ("AS1", "Asisten Pemerintahan dan Kesejahteraan Rakyat"),
    ("AS2", "Asisten Perekonomian dan Pembangunan"),
    ("AS3", "Asisten Administrasi Umum"),
]

# (short, jenis, nama, singkatan, bidang urusan, asisten, size) in the order in which a smaller
# demo picks them; a Bagian's parent is the Sekretariat Daerah. Size weighs lines and pagu.
OPD_CATALOGUE = [
    ("setda", JenisOpd.SEKRETARIAT, "Sekretariat Daerah", "Setda", "4.01", "AS3", 2.0),
    (
        "disdikbud",
        JenisOpd.DINAS,
        "Dinas Pendidikan dan Kebudayaan",
        "Disdikbud",
        "1.01",
        "AS1",
        4.0,
    ),
    ("dinkes", JenisOpd.DINAS, "Dinas Kesehatan", "Dinkes", "1.02", "AS1", 4.0),
    (
        "dpupr",
        JenisOpd.DINAS,
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "DPUPR",
        "1.03",
        "AS2",
        4.0,
    ),
    (
        "bappeda",
        JenisOpd.BADAN,
        "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
        "Bappeda",
        "5.01",
        "AS2",
        1.5,
    ),
    (
        "bpkad",
        JenisOpd.BADAN,
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        "BPKAD",
        "5.02",
        "AS3",
        2.0,
    ),
    ("setwan", JenisOpd.SEKRETARIAT, "Sekretariat DPRD", "Setwan", "4.02", "AS3", 2.0),
    ("inspektorat", JenisOpd.INSPEKTORAT, "Inspektorat Daerah", "Inspektorat", "6.01", "AS3", 1.2),
    (
        "kesbangpol",
        JenisOpd.BADAN,
        "Badan Kesatuan Bangsa dan Politik",
        "Badan Kesbangpol",
        "8.01",
        "AS1",
        1.0,
    ),
    ("rsud", JenisOpd.RSUD, "RSUD dr. Slamet Wiryokusumo", "RSUD", "1.02", "AS1", 3.0),
    (
        "adbang",
        JenisOpd.BAGIAN,
        "Bagian Administrasi Pembangunan",
        "Bag. Adbang",
        "4.01",
        "AS2",
        0.8,
    ),
    ("dinsos", JenisOpd.DINAS, "Dinas Sosial", "Dinsos", "1.06", "AS1", 1.5),
    (
        "disperkim",
        JenisOpd.DINAS,
        "Dinas Perumahan dan Kawasan Permukiman",
        "Disperkim",
        "1.04",
        "AS2",
        2.0,
    ),
    (
        "satpolpp",
        JenisOpd.LAINNYA,
        "Satuan Polisi Pamong Praja",
        "Satpol PP",
        "1.05",
        "AS1",
        1.0,
    ),
    (
        "bpbd",
        JenisOpd.BADAN,
        "Badan Penanggulangan Bencana Daerah",
        "BPBD",
        "1.05",
        "AS1",
        1.0,
    ),
    (
        "disdukcapil",
        JenisOpd.DINAS,
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Disdukcapil",
        "2.12",
        "AS1",
        1.0,
    ),
    (
        "dispertan",
        JenisOpd.DINAS,
        "Dinas Pertanian, Pangan dan Perikanan",
        "Dispertan",
        "3.27",
        "AS2",
        2.0,
    ),
    ("dlh", JenisOpd.DINAS, "Dinas Lingkungan Hidup", "DLH", "2.11", "AS2", 1.5),
    ("dishub", JenisOpd.DINAS, "Dinas Perhubungan", "Dishub", "2.15", "AS2", 1.2),
    (
        "diskominfo",
        JenisOpd.DINAS,
        "Dinas Komunikasi dan Informatika",
        "Diskominfo",
        "2.16",
        "AS3",
        1.2,
    ),
    (
        "dispermades",
        JenisOpd.DINAS,
        "Dinas Pemberdayaan Masyarakat dan Desa",
        "Dispermades",
        "2.13",
        "AS1",
        1.2,
    ),
    (
        "dppkbp3a",
        JenisOpd.DINAS,
        "Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan "
        "Perlindungan Anak",
        "DPPKBP3A",
        "2.14",
        "AS1",
        1.2,
    ),
    (
        "disnakertrans",
        JenisOpd.DINAS,
        "Dinas Tenaga Kerja dan Transmigrasi",
        "Disnakertrans",
        "2.07",
        "AS2",
        1.0,
    ),
    (
        "dinkopukm",
        JenisOpd.DINAS,
        "Dinas Koperasi, Usaha Kecil dan Menengah dan Perdagangan",
        "Dinkopukmdag",
        "2.17",
        "AS2",
        1.0,
    ),
    (
        "dpmptsp",
        JenisOpd.DINAS,
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "DPMPTSP",
        "2.18",
        "AS2",
        1.0,
    ),
    (
        "disparpora",
        JenisOpd.DINAS,
        "Dinas Pariwisata, Pemuda dan Olahraga",
        "Disparpora",
        "3.26",
        "AS2",
        1.2,
    ),
    (
        "disarpus",
        JenisOpd.DINAS,
        "Dinas Kearsipan dan Perpustakaan",
        "Disarpus",
        "2.23",
        "AS3",
        0.8,
    ),
    (
        "bkpsdm",
        JenisOpd.BADAN,
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "BKPSDM",
        "5.03",
        "AS3",
        1.2,
    ),
    ("bapenda", JenisOpd.BADAN, "Badan Pendapatan Daerah", "Bapenda", "5.02", "AS3", 1.2),
    ("bag-hukum", JenisOpd.BAGIAN, "Bagian Hukum", "Bag. Hukum", "4.01", "AS1", 0.6),
    (
        "bag-pemerintahan",
        JenisOpd.BAGIAN,
        "Bagian Tata Pemerintahan",
        "Bag. Tapem",
        "4.01",
        "AS1",
        0.6,
    ),
    (
        "bag-perekonomian",
        JenisOpd.BAGIAN,
        "Bagian Perekonomian dan Sumber Daya Alam",
        "Bag. Perekonomian",
        "4.01",
        "AS2",
        0.6,
    ),
    (
        "bag-pbj",
        JenisOpd.BAGIAN,
        "Bagian Pengadaan Barang dan Jasa",
        "Bag. PBJ",
        "4.01",
        "AS2",
        0.6,
    ),
    ("bag-umum", JenisOpd.BAGIAN, "Bagian Umum", "Bag. Umum", "4.01", "AS3", 0.8),
    ("bag-organisasi", JenisOpd.BAGIAN, "Bagian Organisasi", "Bag. Organisasi", "4.01", "AS3", 0.5),
    (
        "bag-prokompim",
        JenisOpd.BAGIAN,
        "Bagian Protokol dan Komunikasi Pimpinan",
        "Bag. Prokompim",
        "4.01",
        "AS3",
        0.6,
    ),
    ("bag-kesra", JenisOpd.BAGIAN, "Bagian Kesejahteraan Rakyat", "Bag. Kesra", "4.01", "AS1", 0.6),
    (
        "dinketapang",
        JenisOpd.DINAS,
        "Dinas Ketahanan Pangan",
        "Dinketapang",
        "2.09",
        "AS2",
        0.8,
    ),
]
KECAMATAN_SIZE = 0.7

KECAMATAN = [
    "Wanadadi",
    "Purwanegara",
    "Bawang",
    "Mandiraja",
    "Rakit",
    "Punggelan",
    "Karangkobar",
    "Pagentan",
    "Pejawaran",
    "Batur",
    "Wanayasa",
    "Kalibening",
    "Pandanarum",
    "Madukara",
    "Sigaluh",
    "Banjarmangu",
    "Susukan",
    "Pagedongan",
    "Karangsari",
    "Kedungjati",
    "Sukamaju",
    "Sidareja",
    "Cilongok",
    "Ajibarang",
    "Rawalo",
    "Kebasen",
    "Sumpiuh",
    "Somagede",
    "Kalibagor",
    "Tambaksari",
]

DESA = [
    "Gumiwang",
    "Kasilib",
    "Linggasari",
    "Merden",
    "Karanganyar",
    "Kutayasa",
    "Danaraja",
    "Kebutuhjurang",
    "Pekandangan",
    "Sirkandi",
    "Sokaraja",
    "Tlaga",
]

# Sumber dana: (key, nama, kelompok, share of DAU-equivalent weight for a line's pagu).
SUMBER_DANA = [
    ("dau", "DAU", KelompokDana.DAU),
    ("dau_sg", "DAU yang Ditentukan Penggunaannya", KelompokDana.DAU),
    ("pad", "Pendapatan Asli Daerah (PAD)", KelompokDana.PAD),
    ("dbh", "DBH Pajak", KelompokDana.DBH),
    ("dbh_cht", "DBH Cukai Hasil Tembakau", KelompokDana.DBH),
    ("dak_jalan", "DAK Fisik Bidang Jalan", KelompokDana.DAK_FISIK),
    ("dak_irigasi", "DAK Fisik Bidang Irigasi", KelompokDana.DAK_FISIK),
    ("dak_pendidikan", "DAK Fisik Bidang Pendidikan", KelompokDana.DAK_FISIK),
    ("dak_kesehatan", "DAK Fisik Bidang Kesehatan", KelompokDana.DAK_FISIK),
    ("dak_sanitasi", "DAK Fisik Bidang Sanitasi", KelompokDana.DAK_FISIK),
    ("bok", "DAK Non Fisik BOK", KelompokDana.DAK_NON_FISIK),
    ("bop_paud", "DAK Non Fisik BOP PAUD", KelompokDana.DAK_NON_FISIK),
    ("bankeu", "Bantuan Keuangan Provinsi Jawa Tengah", KelompokDana.BANKEU),
    ("bos", "Dana BOS", KelompokDana.BOS_BLUD),
    ("blud", "Pendapatan BLUD", KelompokDana.BOS_BLUD),
    ("did", "Dana Insentif Daerah (DID)", KelompokDana.DID),
]

# The sumber dana a technical sub-kegiatan of a bidang may be funded from, commonest first.
DANA_PROFILE = {
    "1.01": ["dau", "dak_pendidikan", "bos", "bop_paud", "pad", "bankeu"],
    "1.02": ["dau", "dak_kesehatan", "bok", "dbh_cht", "blud", "pad"],
    "1.03": ["dau", "dak_jalan", "bankeu", "dak_irigasi", "pad", "dbh"],
    "1.04": ["dau", "bankeu", "dak_sanitasi", "pad"],
    "2.07": ["dau", "dbh_cht", "pad"],
    "3.27": ["dau", "dbh_cht", "bankeu", "pad"],
    "7.01": ["dau", "pad", "bankeu"],
}
DANA_DEFAULT = ["dau", "pad", "dbh", "dau_sg", "did"]
DANA_PENUNJANG = ["dau", "pad", "dbh"]

# Program 01 of every bidang: the "penunjang" kegiatan every OPD runs (Kepmendagri 050-5889).
PENUNJANG_PROGRAM = "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"
PENUNJANG = """
K 01 Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah
S 0001 Penyusunan Dokumen Perencanaan Perangkat Daerah
S 0006 Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD
S 0007 Evaluasi Kinerja Perangkat Daerah
K 02 Administrasi Keuangan Perangkat Daerah
S 0001 Penyediaan Gaji dan Tunjangan ASN
S 0002 Penyediaan Administrasi Pelaksanaan Tata Usaha Keuangan SKPD
S 0005 Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD
K 05 Administrasi Kepegawaian Perangkat Daerah
S 0009 Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi
K 06 Administrasi Umum Perangkat Daerah
S 0001 Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor
S 0002 Penyediaan Peralatan dan Perlengkapan Kantor
S 0004 Penyediaan Bahan Logistik Kantor
S 0009 Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD
K 08 Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah
S 0002 Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik
S 0004 Penyediaan Jasa Pelayanan Umum Kantor
K 09 Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah
S 0002 Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, dan Pajak Kendaraan Dinas
S 0009 Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya
"""
GAJI = "02.0001"

# The technical programs of each bidang urusan: "B" starts a bidang, "P" a program (numbered
# from 02), "K" a kegiatan (numbered from 01 within its program), "S" a sub-kegiatan.
NOMENKLATUR = """
B 1.01
P Program Pengelolaan Pendidikan
K Pengelolaan Pendidikan Sekolah Dasar
S Pembangunan Ruang Kelas Baru Sekolah Dasar
S Rehabilitasi Sedang/Berat Ruang Kelas Sekolah Dasar
S Pengadaan Perlengkapan Sekolah Dasar
S Pengelolaan Dana BOS Sekolah Dasar
K Pengelolaan Pendidikan Sekolah Menengah Pertama
S Pembangunan Laboratorium dan Ruang Praktikum Sekolah Menengah Pertama
S Pengadaan Mebel Sekolah Menengah Pertama
S Pengelolaan Dana BOS Sekolah Menengah Pertama
K Pengelolaan Pendidikan Anak Usia Dini (PAUD)
S Pembangunan Sarana, Prasarana dan Utilitas PAUD
S Penyediaan Biaya Operasional Pendidikan PAUD
P Program Pendidik dan Tenaga Kependidikan
K Pemerataan Kuantitas dan Kualitas Pendidik dan Tenaga Kependidikan
S Pengembangan Karier Pendidik dan Tenaga Kependidikan
S Pendataan dan Pemetaan Pendidik dan Tenaga Kependidikan
P Program Pengembangan Kebudayaan
K Pelestarian Kesenian Tradisional
S Penyelenggaraan Festival Seni Budaya Daerah
S Pembinaan Sanggar Kesenian
B 1.02
P Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat
K Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah Kabupaten/Kota
S Pembangunan Puskesmas
S Rehabilitasi dan Pemeliharaan Puskesmas
S Pengadaan Alat Kesehatan/Alat Penunjang Medik Fasilitas Pelayanan Kesehatan
S Pengadaan Obat, Vaksin, Bahan Medis Habis Pakai
K Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota
S Pengelolaan Pelayanan Kesehatan Ibu Hamil dan Bersalin
S Pengelolaan Pelayanan Kesehatan Gizi Masyarakat
S Pengelolaan Pelayanan Kesehatan Orang dengan Tuberkulosis
S Operasional Pelayanan Rumah Sakit
S Pengelolaan Jaminan Kesehatan Masyarakat
P Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan
K Perencanaan Kebutuhan dan Pendayagunaan SDM Kesehatan
S Pemenuhan Kebutuhan Sumber Daya Manusia Kesehatan
S Pengembangan Mutu dan Peningkatan Kompetensi Teknis SDM Kesehatan
B 1.03
P Program Pengelolaan Sumber Daya Air (SDA)
K Pengelolaan dan Pengembangan Sistem Irigasi Primer dan Sekunder
S Rehabilitasi Jaringan Irigasi Permukaan
S Pemeliharaan Jaringan Irigasi Permukaan
S Pembangunan Embung dan Penampungan Air Lainnya
P Program Penyelenggaraan Jalan
K Penyelenggaraan Jalan Kabupaten/Kota
S Pembangunan Jalan
S Rekonstruksi Jalan
S Rehabilitasi Jalan
S Pemeliharaan Berkala Jalan
S Pemeliharaan Rutin Jalan
S Pembangunan Jembatan
S Penggantian Jembatan
P Program Pengembangan Sistem Drainase
K Pengelolaan dan Pengembangan Sistem Drainase
S Pembangunan Sistem Drainase Perkotaan
S Pemeliharaan Sistem Drainase Perkotaan
P Program Penataan Bangunan Gedung
K Penyelenggaraan Bangunan Gedung
S Pembangunan Gedung Pemerintah Daerah
B 1.04
P Program Kawasan Permukiman
K Penanganan Kawasan Permukiman Kumuh
S Perbaikan Rumah Tidak Layak Huni
S Pembangunan Prasarana, Sarana dan Utilitas Umum Permukiman
P Program Pengembangan Sistem Penyediaan Air Minum
K Pengelolaan dan Pengembangan SPAM
S Pembangunan SPAM Jaringan Perpipaan
S Penyediaan Sanitasi Berbasis Masyarakat
B 1.05
P Program Peningkatan Ketenteraman dan Ketertiban Umum
K Penanganan Gangguan Ketenteraman dan Ketertiban Umum
S Patroli Wilayah Rawan Gangguan Ketenteraman dan Ketertiban Umum
S Penegakan Peraturan Daerah dan Peraturan Kepala Daerah
P Program Penanggulangan Bencana
K Pelayanan Pencegahan dan Kesiapsiagaan terhadap Bencana
S Sosialisasi, Komunikasi, Informasi dan Edukasi Rawan Bencana
S Penanganan Darurat Bencana Tanah Longsor dan Banjir
B 1.06
P Program Rehabilitasi Sosial
K Rehabilitasi Sosial Penyandang Disabilitas Terlantar
S Pemberian Permakanan Penyandang Disabilitas
S Pemberian Bantuan Alat Bantu Penyandang Disabilitas
P Program Perlindungan dan Jaminan Sosial
K Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten/Kota
S Verifikasi dan Validasi Data Terpadu Kesejahteraan Sosial
S Penyediaan Bantuan Sosial Bagi Keluarga Miskin
B 2.07
P Program Pelatihan Kerja dan Produktivitas Tenaga Kerja
K Pelaksanaan Pelatihan Berdasarkan Unit Kompetensi
S Pelatihan Keterampilan Kerja bagi Pencari Kerja
S Penyelenggaraan Bursa Kerja
B 2.09
P Program Peningkatan Diversifikasi dan Ketahanan Pangan Masyarakat
K Pelaksanaan Pencapaian Target Konsumsi Pangan Perkapita
S Penyediaan Cadangan Pangan Pemerintah Daerah
S Pengawasan Keamanan Pangan Segar
B 2.11
P Program Pengelolaan Persampahan
K Pengelolaan Sampah
S Pembangunan Tempat Pengolahan Sampah Terpadu (TPST)
S Penyediaan Sarana dan Prasarana Pengelolaan Sampah
P Program Pengendalian Pencemaran dan Kerusakan Lingkungan Hidup
K Pencegahan Pencemaran Lingkungan Hidup
S Pemantauan Kualitas Air, Udara dan Tanah
S Penanaman Pohon dan Penghijauan Ruang Terbuka Hijau
B 2.12
P Program Pendaftaran Penduduk
K Pelayanan Pendaftaran Penduduk
S Pencetakan dan Penerbitan KTP Elektronik dan Kartu Identitas Anak
S Pelayanan Jemput Bola Administrasi Kependudukan
B 2.13
P Program Administrasi Pemerintahan Desa
K Pembinaan dan Pengawasan Penyelenggaraan Administrasi Pemerintahan Desa
S Fasilitasi Penyaluran Alokasi Dana Desa
S Peningkatan Kapasitas Aparatur Pemerintah Desa
P Program Pemberdayaan Lembaga Kemasyarakatan
K Pemberdayaan Lembaga Kemasyarakatan Desa
S Fasilitasi Kerja Sama Antar Desa
S Pengembangan Badan Usaha Milik Desa (BUMDes)
B 2.14
P Program Pembinaan Keluarga Berencana
K Pelaksanaan Advokasi, Komunikasi, Informasi dan Edukasi Pengendalian Penduduk dan KB
S Pelayanan KB dan Penurunan Angka Stunting
S Pendayagunaan Tenaga Penyuluh KB
P Program Perlindungan Perempuan dan Anak
K Penyediaan Layanan Rujukan Lanjutan bagi Perempuan dan Anak Korban Kekerasan
S Pendampingan Korban Kekerasan terhadap Perempuan dan Anak
B 2.15
P Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan
K Penyediaan Perlengkapan Jalan di Jalan Kabupaten/Kota
S Pengadaan dan Pemasangan Penerangan Jalan Umum
S Pemasangan Rambu dan Marka Jalan
S Pengujian Berkala Kendaraan Bermotor
B 2.16
P Program Informasi dan Komunikasi Publik
K Pengelolaan Informasi dan Komunikasi Publik
S Penyelenggaraan Hubungan Masyarakat dan Media
P Program Aplikasi Informatika
K Pengelolaan Nama Domain dan Sub Domain
S Pengelolaan Pusat Data Daerah
S Pengembangan Aplikasi Sistem Pemerintahan Berbasis Elektronik
B 2.17
P Program Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro (UMKM)
K Pemberdayaan Usaha Mikro
S Pelatihan Kewirausahaan dan Pemasaran Digital UMKM
S Fasilitasi Sertifikasi Halal dan Merek Produk UMKM
P Program Stabilisasi Harga Barang Kebutuhan Pokok
K Menjamin Ketersediaan Barang Kebutuhan Pokok
S Pelaksanaan Operasi Pasar Murah
S Revitalisasi Pasar Rakyat
B 2.18
P Program Pelayanan Penanaman Modal
K Pelayanan Perizinan dan Nonperizinan secara Terpadu Satu Pintu
S Penyediaan Pelayanan Perizinan Berusaha Berbasis Risiko
S Promosi Penanaman Modal Daerah
B 2.23
P Program Pembinaan Perpustakaan
K Pengelolaan Perpustakaan Tingkat Daerah Kabupaten/Kota
S Pengembangan Koleksi Perpustakaan
S Layanan Perpustakaan Keliling
B 3.26
P Program Peningkatan Daya Tarik Destinasi Pariwisata
K Pengelolaan Daya Tarik Wisata Kabupaten/Kota
S Pembangunan Sarana Prasarana Destinasi Wisata
S Penyelenggaraan Festival dan Promosi Wisata Daerah
P Program Pengembangan Kapasitas Daya Saing Keolahragaan
K Penyelenggaraan Kejuaraan Olahraga Tingkat Daerah
S Pembinaan Atlet Berprestasi
S Pemeliharaan Gedung Olahraga dan Stadion
B 3.27
P Program Penyediaan dan Pengembangan Sarana Pertanian
K Pengawasan Penggunaan Sarana Pertanian
S Penyediaan Benih dan Pupuk Bersubsidi
S Pembangunan Jalan Usaha Tani
S Rehabilitasi Jaringan Irigasi Tersier
P Program Pengendalian dan Penanggulangan Bencana Pertanian
K Pengendalian Organisme Pengganggu Tumbuhan
S Pengendalian Hama Terpadu Padi dan Palawija
B 4.01
P Program Pemerintahan dan Kesejahteraan Rakyat
K Pelaksanaan Kebijakan Kesejahteraan Rakyat
S Fasilitasi Pengembangan Keagamaan
S Penyusunan Produk Hukum Daerah
S Fasilitasi Penyelenggaraan Pemerintahan Daerah
P Program Perekonomian dan Pembangunan
K Pelaksanaan Administrasi Pembangunan
S Pengendalian dan Evaluasi Pelaksanaan Program dan Kegiatan Pembangunan (Rakor POK)
S Pengelolaan Layanan Pengadaan Secara Elektronik
S Fasilitasi Pengelolaan Sumber Daya Alam
P Program Dukungan Pelaksanaan Tugas dan Fungsi Kepala Daerah
K Fasilitasi Keprotokolan dan Komunikasi Pimpinan
S Fasilitasi Kegiatan Keprotokolan Kepala Daerah
S Penataan Organisasi dan Reformasi Birokrasi
B 4.02
P Program Dukungan Pelaksanaan Tugas dan Fungsi DPRD
K Fasilitasi Tugas DPRD
S Penyelenggaraan Reses Anggota DPRD
S Pembahasan Rancangan Peraturan Daerah
S Penyediaan Tunjangan dan Operasional Pimpinan dan Anggota DPRD
B 5.01
P Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah
K Penyusunan Perencanaan dan Pendanaan
S Penyusunan Rencana Kerja Pemerintah Daerah (RKPD)
S Pengendalian dan Evaluasi Rencana Pembangunan Daerah
S Penelitian dan Pengembangan Inovasi Daerah
B 5.02
P Program Pengelolaan Keuangan Daerah
K Koordinasi dan Penyusunan Rencana Anggaran Daerah
S Penyusunan Rancangan Peraturan Daerah tentang APBD
S Pengelolaan Kas Daerah dan Penerbitan SP2D
S Penyusunan Laporan Keuangan Pemerintah Daerah
P Program Pengelolaan Pendapatan Daerah
K Pengelolaan Pajak Daerah
S Pendataan dan Pendaftaran Objek Pajak Daerah
S Intensifikasi dan Ekstensifikasi Pajak Bumi dan Bangunan
B 5.03
P Program Kepegawaian Daerah
K Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN
S Pengadaan ASN dan PPPK
S Pengembangan Kompetensi Aparatur Sipil Negara
B 6.01
P Program Penyelenggaraan Pengawasan
K Penyelenggaraan Pengawasan Internal
S Pengawasan Kinerja Pemerintah Daerah
S Reviu Laporan Keuangan Pemerintah Daerah
S Pendampingan dan Asistensi Pengadaan Barang dan Jasa
B 7.01
P Program Penyelenggaraan Pemerintahan dan Pelayanan Publik
K Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan
S Koordinasi Pelaksanaan Pelayanan Publik di Tingkat Kecamatan
S Penyelenggaraan Musrenbang Kecamatan
P Program Pemberdayaan Masyarakat Desa dan Kelurahan
K Pemberdayaan Masyarakat Desa dan Kelurahan
S Pelaksanaan Pembangunan Sarana dan Prasarana Kelurahan
S Pemberdayaan Masyarakat di Kelurahan
P Program Koordinasi Ketenteraman dan Ketertiban Umum
K Koordinasi Penerapan dan Penegakan Peraturan Daerah
S Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum
P Program Pembinaan dan Pengawasan Penyelenggaraan Pemerintahan Desa
K Fasilitasi, Rekomendasi dan Koordinasi Pembinaan dan Pengawasan Pemerintahan Desa
S Fasilitasi Penyusunan Program dan Kegiatan Desa
S Fasilitasi Pengelolaan Keuangan Desa
B 8.01
P Program Penguatan Ideologi Pancasila dan Karakter Kebangsaan
K Pelaksanaan Kebijakan di Bidang Ideologi Pancasila
S Pembinaan Wawasan Kebangsaan dan Bela Negara
P Program Pendidikan Politik, Etika Budaya Politik
K Pelaksanaan Kebijakan Pendidikan Politik
S Fasilitasi Pendidikan Politik bagi Pemilih Pemula
S Pemantauan Situasi Politik dan Kewaspadaan Dini Daerah
"""

# Output indicator by the first word of a sub-kegiatan name: (indicator, unit).
INDIKATOR = {
    "Pembangunan": ("Jumlah {obj} yang dibangun", "Unit"),
    "Rehabilitasi": ("Jumlah {obj} yang direhabilitasi", "Unit"),
    "Rekonstruksi": ("Panjang {obj} yang direkonstruksi", "Km"),
    "Pemeliharaan": ("Jumlah {obj} yang dipelihara", "Unit"),
    "Pengadaan": ("Jumlah {obj} yang diadakan", "Paket"),
    "Penyediaan": ("Jumlah {obj} yang disediakan", "Paket"),
    "Penyusunan": ("Jumlah dokumen {obj} yang disusun", "Dokumen"),
    "Pelatihan": ("Jumlah peserta {obj}", "Orang"),
    "Pembinaan": ("Jumlah {obj} yang dibina", "Kelompok"),
    "Fasilitasi": ("Jumlah kegiatan {obj} yang difasilitasi", "Kegiatan"),
    "Pengelolaan": ("Jumlah laporan {obj}", "Laporan"),
    "Koordinasi": ("Jumlah laporan {obj}", "Laporan"),
}
INDIKATOR_DEFAULT = ("Jumlah laporan pelaksanaan {obj}", "Laporan")

FIRST_NAMES = [
    "Bambang",
    "Sri",
    "Agus",
    "Budi",
    "Dwi",
    "Eko",
    "Endang",
    "Hadi",
    "Heru",
    "Joko",
    "Retno",
    "Puji",
    "Rahmat",
    "Setyo",
    "Siti",
    "Sugeng",
    "Sutrisno",
    "Tri",
    "Wahyu",
    "Wulan",
    "Yuni",
    "Ahmad",
    "Aris",
    "Dewi",
    "Fajar",
    "Galih",
    "Indah",
    "Kartika",
    "Mulyadi",
    "Nanang",
    "Rina",
    "Slamet",
    "Teguh",
    "Yudi",
    "Anisa",
    "Bayu",
    "Citra",
    "Dimas",
    "Erna",
    "Fitri",
]
LAST_NAMES = [
    "Setiawan",
    "Prasetyo",
    "Wibowo",
    "Santoso",
    "Susanto",
    "Hidayat",
    "Nugroho",
    "Rahayu",
    "Purnomo",
    "Kusuma",
    "Saputra",
    "Wijaya",
    "Handayani",
    "Lestari",
    "Utomo",
    "Pratama",
    "Hartono",
    "Suryani",
    "Maulana",
    "Firmansyah",
    "Widodo",
    "Ningsih",
    "Haryanto",
    "Sulistyo",
]
TITLES_BEFORE = ["", "", "Drs. ", "Ir. ", "H. ", "Dr. "]
TITLES_AFTER = [
    ", S.Sos., M.Si.",
    ", S.T., M.T.",
    ", S.E., M.M.",
    ", S.H., M.H.",
    ", S.Pd., M.Pd.",
    ", S.STP., M.Si.",
    ", M.Kes.",
    ", M.Si.",
]

# (kendala, solusi) a PPTK writes on a line behind target.
KENDALA_UMUM = [
    (
        "Proses lelang ulang karena gagal tender",
        "Percepatan tender ulang melalui koordinasi dengan Bagian Pengadaan Barang dan Jasa",
    ),
    (
        "Keterlambatan penyampaian SPJ oleh pelaksana kegiatan",
        "Pendampingan penyusunan SPJ dan penetapan batas waktu penyampaian",
    ),
    (
        "Penyedia belum mengajukan termin pembayaran",
        "Penyedia diminta segera mengajukan tagihan sesuai progres pekerjaan",
    ),
    (
        "Perubahan spesifikasi teknis menunggu addendum kontrak",
        "Penyelesaian addendum kontrak dan review desain bersama konsultan pengawas",
    ),
    (
        "Kegiatan dijadwalkan pada triwulan IV sesuai RKO",
        "Pelaksanaan sesuai jadwal RKO dengan pemantauan mingguan",
    ),
    (
        "Pergantian PPTK karena mutasi pegawai",
        "Penetapan PPTK baru dan serah terima dokumen kegiatan",
    ),
    (
        "Harga satuan di pasar lebih tinggi dari HPS",
        "Review HPS dan penyesuaian volume pekerjaan",
    ),
]
KENDALA_FISIK = [
    (
        "Cuaca hujan menghambat pekerjaan fisik",
        "Penambahan jam kerja dan tenaga kerja setelah cuaca membaik",
    ),
    (
        "Akses lokasi pekerjaan sulit dilalui material",
        "Pengangkutan material bertahap dengan kendaraan kecil",
    ),
    (
        "Lahan belum siap karena proses hibah tanah belum selesai",
        "Koordinasi dengan pemerintah desa untuk percepatan hibah lahan",
    ),
]
KENDALA_DAK = [
    (
        "Menunggu juknis DAK dari kementerian",
        "Konsultasi ke kementerian teknis dan penyusunan dokumen sambil menunggu juknis",
    ),
    (
        "Penyaluran DAK tahap II belum diterima dari pusat",
        "Percepatan pemenuhan syarat salur melalui aplikasi OM-SPAN",
    ),
]
CATATAN_DIKEMBALIKAN = [
    "Kendala dan solusi belum diisi pada baris dengan deviasi di bawah target.",
    "Realisasi keuangan tidak sesuai dengan SP2D; mohon diperiksa kembali.",
    "Realisasi fisik melebihi progres di lapangan menurut laporan konsultan pengawas.",
]

# The technical sub-kegiatan an OPD that shares its bidang with others runs (by name words);
# an OPD not listed runs all of its bidang's, a Bagian listed with () only the penunjang ones.
SUB_FILTER = {
    "dinkes": ("Puskesmas", "Obat", "Ibu Hamil", "Gizi", "Tuberkulosis", "Jaminan", "SDM"),
    "rsud": ("Rumah Sakit", "Alat Kesehatan", "Sumber Daya Manusia Kesehatan"),
    "satpolpp": ("Ketenteraman", "Peraturan Daerah"),
    "bpbd": ("Bencana",),
    "bpkad": ("APBD", "Kas Daerah", "Laporan Keuangan"),
    "bapenda": ("Pajak",),
    "adbang": ("Rakor POK",),
    "bag-pbj": ("Pengadaan Secara Elektronik",),
    "bag-hukum": ("Produk Hukum",),
    "bag-pemerintahan": ("Penyelenggaraan Pemerintahan",),
    "bag-perekonomian": ("Sumber Daya Alam",),
    "bag-prokompim": ("Keprotokolan",),
    "bag-organisasi": ("Organisasi",),
    "bag-kesra": ("Keagamaan",),
    "bag-umum": (),
}

# A sub-kegiatan whose name holds the word is funded first from this sumber dana.
DANA_HINTS = [
    ("BOS", "bos"),
    ("Operasional Pendidikan PAUD", "bop_paud"),
    ("Rumah Sakit", "blud"),
    ("Ibu Hamil", "bok"),
    ("Gizi", "bok"),
    ("Tuberkulosis", "bok"),
    ("Ruang Kelas", "dak_pendidikan"),
    ("Laboratorium", "dak_pendidikan"),
    ("Puskesmas", "dak_kesehatan"),
    ("Alat Kesehatan", "dak_kesehatan"),
    ("Jalan", "dak_jalan"),
    ("Jembatan", "dak_jalan"),
    ("Irigasi", "dak_irigasi"),
    ("SPAM", "dak_sanitasi"),
    ("Sanitasi", "dak_sanitasi"),
    ("Kelurahan", "bankeu"),
]
PHYSICAL_WORDS = (
    "Pembangunan",
    "Rehabilitasi",
    "Rekonstruksi",
    "Pemeliharaan",
    "Penggantian",
    "Perbaikan",
    "Revitalisasi",
)


# The kendala category (the list seeded by migration realisasi 0004_kategori_kendala) an OPD
# would choose for each demo kendala.
KATEGORI_KENDALA = {
    "Proses lelang ulang karena gagal tender": "Pengadaan/lelang",
    "Keterlambatan penyampaian SPJ oleh pelaksana kegiatan": "Administrasi dan regulasi",
    "Penyedia belum mengajukan termin pembayaran": "Pihak ketiga",
    "Perubahan spesifikasi teknis menunggu addendum kontrak": "Administrasi dan regulasi",
    "Kegiatan dijadwalkan pada triwulan IV sesuai RKO": "Perencanaan",
    "Pergantian PPTK karena mutasi pegawai": "SDM",
    "Harga satuan di pasar lebih tinggi dari HPS": "Pengadaan/lelang",
    "Cuaca hujan menghambat pekerjaan fisik": "Cuaca dan alam",
    "Akses lokasi pekerjaan sulit dilalui material": "Cuaca dan alam",
    "Lahan belum siap karena proses hibah tanah belum selesai": "Lahan",
    "Menunggu juknis DAK dari kementerian": "Administrasi dan regulasi",
    "Penyaluran DAK tahap II belum diterima dari pusat": "Pencairan dana",
}
