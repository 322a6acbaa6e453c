"""The briefing's "Capaian kinerja" section: the indicators of the latest triwulan closed by
the briefing's month (TW III for a September, October or November briefing), read as the
Sekda reads money: how many indicators are tinggi or sangat tinggi, the Pemda's priority
outcomes, the OPDs and the indicators furthest behind with their faktor penghambat.

The figures are reports.kinerja.pemda_kinerja_printed: the Pemda page's pemda_kinerja with
every indicator counted from its plain values and only the printed ones read whole (capaian:
realisasi.kinerja); nothing here computes one. At a Kabupaten's 9,000 indicators that still
takes a while, so the section is computed once per data stamp (reports.fragments' money stamp
of the month with reports.kinerja's stamp of the year's indicators) and kept in the shared
cache, trimmed to what it prints: a briefing built again, or by `rakor_brief` in a fresh
process, reads it back while nothing changed.
"""

import dataclasses
from dataclasses import dataclass

from ..fragments import cached_value
from ..kinerja import BandCount, OpdKinerja, PemdaKinerja, data_stamp, pemda_kinerja_printed

PRIORITAS_MAX = 8
WORST_MAX = 6
OPD_MAX = 5


@dataclass(frozen=True)
class KinerjaSection:
    data: PemdaKinerja

    @property
    def tahun(self) -> int:
        return self.data.tahun

    @property
    def triwulan(self) -> int:
        return self.data.triwulan

    @property
    def nama_triwulan(self) -> str:
        return self.data.nama_triwulan

    @property
    def sentences(self) -> list[str]:
        return self.data.sentences

    @property
    def counts(self) -> list[tuple[str, BandCount]]:
        return [("keluaran", self.data.keluaran), ("hasil", self.data.hasil)]

    @property
    def prioritas(self) -> list:
        return self.data.prioritas[:PRIORITAS_MAX]

    @property
    def worst(self) -> list:
        return self.data.worst[:WORST_MAX]

    @property
    def opds_behind(self) -> list[OpdKinerja]:
        """The OPDs with the lowest share of indicators tinggi or sangat tinggi."""
        return [row for row in self.data.opds if row.count.tinggi_persen is not None][:OPD_MAX]

    def as_json(self) -> dict:
        return {
            "tahun": self.tahun,
            "triwulan": self.triwulan,
            "kalimat": self.sentences,
            "keluaran": {"jumlah": self.data.keluaran.jumlah, "tinggi": self.data.keluaran.tinggi},
            "hasil": {"jumlah": self.data.hasil.jumlah, "tinggi": self.data.hasil.tinggi},
        }


def kinerja_section(tahun: int, bulan: int) -> KinerjaSection | None:
    """The section for a briefing of (tahun, bulan); None before the first triwulan closes or
    when the year has no indicators."""
    triwulan = bulan // 3
    if triwulan == 0:
        return None
    return cached_value(
        "briefing_kinerja",
        tahun,
        bulan,
        lambda: _computed(tahun, triwulan),
        extra=data_stamp(tahun),
    )


def _computed(tahun: int, triwulan: int) -> KinerjaSection | None:
    # Every indicator is counted; only the printed ones (at most PRIORITAS_MAX + WORST_MAX)
    # are read whole: the bands of 9,000 indicators from their plain values.
    data = pemda_kinerja_printed(tahun, triwulan, prioritas_n=PRIORITAS_MAX, worst_n=WORST_MAX)
    if not data.keluaran.jumlah and not data.hasil.jumlah:
        return None
    behind = [row for row in data.opds if row.count.tinggi_persen is not None]
    # Only what the section prints is kept: the cached copy is a few kilobytes, not 9,000
    # indicators.
    return KinerjaSection(dataclasses.replace(data, opds=behind[:OPD_MAX]))
