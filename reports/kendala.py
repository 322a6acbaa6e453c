"""The Kendala page: the kendala and solusi of a month (Form E) as one flat list, each row with
its line's deviasi keuangan, filtered by OPD, sumber dana and traffic light, and paginated.

The kendala texts come from reports.figures_detail.kendala_digest; each line's figures from
BudgetLine.with_figures through reports.figures.figures_from_sums (one line as a set of one:
deviasi = realisasi % − target %, its traffic light from the settings' thresholds).
"""

from dataclasses import dataclass

from realisasi.models import BudgetLine

from . import figures, figures_detail


@dataclass(frozen=True)
class KendalaRow:
    opd_kode: str
    opd_nama: str
    item: figures_detail.KendalaItem
    line_id: int | None
    figures: figures.Figures | None


def line_figures(tahun: int, bulan: int, opd_ids) -> dict:
    """{(opd_id, sub-kegiatan code, sumber dana name): (line id, Figures)} at month `bulan`."""
    lines = (
        BudgetLine.objects.for_year(tahun)
        .filter(opd_id__in=opd_ids)
        .select_related("sub_kegiatan", "sumber_dana")
        .with_figures(bulan)
    )
    result = {}
    for line in lines:
        pagu = line.pagu_m or 0
        sums = {
            "pagu": pagu,
            "target_rp": line.target_rp,
            "real_rp": line.real_rp,
            "target_fisik_w": (line.target_fisik or 0) * pagu,
            "real_fisik_w": (line.real_fisik or 0) * pagu,
            "lines": 1,
        }
        key = (line.opd_id, line.sub_kegiatan.kode, line.sumber_dana.nama)
        result[key] = (line.pk, figures.figures_from_sums(sums))
    return result


def kendala_rows(
    tahun: int, bulan: int, *, opd_ids=None, q: str = "", sumber_dana=None, lampu: str = ""
) -> list[KendalaRow]:
    """Every kendala of the month as rows in OPD and sub-kegiatan order; `sumber_dana` (a
    SumberDana) and `lampu` ("hijau", "kuning", "merah") narrow them. Two queries."""
    groups = figures_detail.kendala_digest(tahun, bulan, opd_ids=opd_ids, q=q)
    if not groups:
        return []
    by_line = line_figures(tahun, bulan, [group.opd_id for group in groups])
    rows = []
    for group in groups:
        for item in group.items:
            if sumber_dana is not None and item.sumber_dana != sumber_dana.nama:
                continue
            line_id, line_figs = by_line.get(
                (group.opd_id, item.sub_kegiatan_kode, item.sumber_dana), (None, None)
            )
            if lampu and (line_figs is None or line_figs.lampu != lampu):
                continue
            rows.append(KendalaRow(group.kode, group.nama, item, line_id, line_figs))
    return rows
