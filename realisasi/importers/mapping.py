"""Column mappings: reading a Pemda's own spreadsheet whose headers are not the template's.

A mapping says, for each column of the template, which header of the file holds it; when
several headers are given, the first the file has wins (`pagu_indikatif` or `pagu`). Headers
the mapping does not name are ignored instead of refused, so a SIPD export's `kode_urusan`
or `nama_urusan` pass through. Headers are compared after reading.normalize_header
(`Kode SKPD` is `kode_skpd`).

Two sources: the built-in presets below (BUILTIN, keyed by a short name) and the presets a
verifikator saves (realisasi.models.ColumnPreset, keyed `preset-<pk>`).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..choices import JenisImpor
from ..models import ColumnPreset
from .reading import normalize_header


@dataclass(frozen=True)
class ColumnMapping:
    """{template column: accepted file headers, first present wins}. `merge_duplicates`: rows
    with the same key are summed (a SKPD's sub-units rolled up), not refused."""

    nama: str
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    merge_duplicates: bool = False

    def apply(self, headers: list[str]) -> list[str]:
        """The file's headers renamed to template columns; "" for a header left unused."""
        present = set(headers)
        source_of = {}
        for target, sources in self.columns.items():
            chosen = next(
                (normalize_header(s) for s in sources if normalize_header(s) in present), None
            )
            if chosen is not None and chosen not in source_of:
                source_of[chosen] = target
        return [source_of.get(header, "") for header in headers]

    def describe(self) -> str:
        return _("pemetaan %(nama)s") % {"nama": _(self.nama)}


# SIPD (Sistem Informasi Pemerintahan Daerah) exports name the OPD a SKPD, split it into
# sub-units, and call the pagu `pagu_indikatif` in the planning stages.
SIPD_COMMON = {
    "nama_sub_kegiatan": ("nama_sub_kegiatan",),
    "kode_sub_kegiatan": ("kode_sub_kegiatan",),
    "kode_kegiatan": ("kode_kegiatan",),
    "nama_kegiatan": ("nama_kegiatan",),
    "kode_program": ("kode_program",),
    "nama_program": ("nama_program",),
    "sumber_dana": ("nama_sumber_dana", "sumber_dana"),
    "pagu": ("pagu", "pagu_indikatif", "nilai_rincian"),
    "lokasi": ("lokasi", "lokasi_kegiatan"),
    "indikator_keluaran": ("indikator_keluaran", "indikator", "tolok_ukur", "tolak_ukur"),
    "target_keluaran": ("target_keluaran", "target", "target_kinerja"),
    "satuan_keluaran": ("satuan_keluaran", "satuan"),
    "pptk": ("pptk",),
}
SIPD_ROLLED_UP = ColumnMapping(
    nama=gettext_noop("SIPD (sub unit digabung ke SKPD)"),
    columns={"kode_opd": ("kode_skpd",), "nama_opd": ("nama_skpd",), **SIPD_COMMON},
    merge_duplicates=True,
)
SIPD_SUB_UNIT = ColumnMapping(
    nama=gettext_noop("SIPD (sub unit sebagai OPD)"),
    columns={
        "kode_opd": ("kode_sub_unit", "kode_skpd"),
        "nama_opd": ("nama_sub_unit", "nama_skpd"),
        **SIPD_COMMON,
    },
)
# Keyed by JenisImpor, read with the plain string of a form (a TextChoices is a str).
BUILTIN: dict[str, dict[str, ColumnMapping]] = {
    JenisImpor.APBD: {"sipd": SIPD_ROLLED_UP, "sipd-sub-unit": SIPD_SUB_UNIT},
}


def preset_choices(jenis: str) -> list[tuple[str, str]]:
    """The choices of the upload form: no mapping, the built-in presets, the saved ones."""
    choices = [("", _("Seperti template"))]
    choices += [(key, _(mapping.nama)) for key, mapping in BUILTIN.get(jenis, {}).items()]
    choices += [
        (f"preset-{pk}", nama)
        for pk, nama in ColumnPreset.objects.filter(jenis=jenis).values_list("pk", "nama")
    ]
    return choices


def mapping_for(jenis: str, key: str) -> ColumnMapping | None:
    """The mapping a choice of preset_choices stands for; None for none (or a stale key)."""
    if not key:
        return None
    if key in BUILTIN.get(jenis, {}):
        return BUILTIN[jenis][key]
    if key.startswith("preset-") and key[7:].isdigit():
        preset = ColumnPreset.objects.filter(jenis=jenis, pk=int(key[7:])).first()
        if preset is not None:
            return from_preset(preset)
    return None


def from_preset(preset) -> ColumnMapping:
    return ColumnMapping(
        nama=preset.nama,
        columns={target: (source,) for target, source in preset.kolom.items() if source},
        merge_duplicates=preset.gabung_duplikat,
    )
