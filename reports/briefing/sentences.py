"""The briefing's Indonesian sentences, stated as the news states them ("Hingga akhir November
2025, realisasi keuangan tercatat sebesar 84,80 persen dari target 89,67 persen, sehingga
masih terdapat selisih minus 4,86 persen.").

Every number is a field of reports.figures objects, rounded once for display; the one figure
made here is the year-on-year difference (this year's realisasi % minus last year's, both
unrounded), stated in words.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from opd.formatting import format_persen, format_persen_words, format_rupiah, round_half_up
from realisasi.period import Period

from .. import figures as fig


def periode(tahun: int, bulan: int) -> str:
    """ "November 2025"."""
    return Period(tahun, bulan).name


def _gap_clause(deviasi: Decimal) -> str:
    """How the news states a deviation: behind target, on target, or ahead of it."""
    rounded = round_half_up(deviasi, 2)
    if rounded < 0:
        return _("sehingga masih terdapat selisih %(selisih)s") % {
            "selisih": format_persen_words(deviasi)
        }
    if rounded == 0:
        return _("sehingga sesuai dengan target")
    return _("sehingga melampaui target sebesar %(selisih)s") % {
        "selisih": format_persen_words(deviasi)
    }


def _realisasi_clause(jenis: str, realisasi, target, deviasi) -> str:
    return _(
        "realisasi %(jenis)s tercatat sebesar %(realisasi)s dari target %(target)s, %(gap)s"
    ) % {
        "jenis": jenis,
        "realisasi": format_persen_words(realisasi),
        "target": format_persen_words(target),
        "gap": _gap_clause(deviasi),
    }


def headline_sentences(summary: fig.PemdaSummary) -> list[str]:
    """The headline paragraph: keuangan and fisik against target, and the same month of the
    previous year when its data exists."""
    totals = summary.totals
    waktu = periode(summary.tahun, summary.bulan)
    if totals.target_keuangan_persen is None:
        return [_("Hingga akhir %(waktu)s belum terdapat pagu anggaran.") % {"waktu": waktu}]
    sentences = [
        _("Hingga akhir %(waktu)s, %(keuangan)s.")
        % {
            "waktu": waktu,
            "keuangan": _realisasi_clause(
                _("keuangan"),
                totals.realisasi_keuangan_persen,
                totals.target_keuangan_persen,
                totals.deviasi_keuangan,
            ),
        },
        _("Adapun %(fisik)s.")
        % {
            "fisik": _realisasi_clause(
                _("fisik"), totals.realisasi_fisik, totals.target_fisik, totals.deviasi_fisik
            )
        },
        _("Total belanja yang dipantau sebesar %(pagu)s dengan realisasi %(realisasi)s.")
        % {
            "pagu": format_rupiah(totals.pagu),
            "realisasi": format_rupiah(totals.realisasi_keuangan_rp),
        },
    ]
    if totals.capaian_keuangan is not None:
        sentences.append(capaian_sentence(totals))
    previous = summary.previous
    if previous is not None and previous.realisasi_keuangan_persen is not None:
        sentences.append(
            _(
                "Pada periode yang sama tahun %(tahun)s, realisasi keuangan sebesar "
                "%(keuangan)s dan fisik %(fisik)s."
            )
            % {
                "tahun": summary.tahun - 1,
                "keuangan": format_persen_words(previous.realisasi_keuangan_persen),
                "fisik": format_persen_words(previous.realisasi_fisik),
            }
        )
        sentences.append(year_on_year_sentence(totals, previous, summary.tahun - 1))
    return sentences


def capaian_sentence(totals: fig.Figures) -> str:
    """ "Capaian realisasi keuangan sebesar 88,53 persen dari target anggaran kas, kategori
    Tinggi." (capaian = realisasi % / target % x 100; the target keuangan is the anggaran
    kas; the band of Permendagri 86/2017)."""
    return _(
        "Capaian realisasi keuangan sebesar %(capaian)s dari target anggaran kas, "
        "kategori %(kategori)s."
    ) % {
        "capaian": format_persen_words(totals.capaian_keuangan),
        "kategori": totals.kategori_label,
    }


def _change_words(now: Decimal | None, before: Decimal | None) -> str:
    """ "naik 10,52 poin persen", "turun 3,00 poin persen" or "sama": the difference in
    percentage points between two realizations, rounded once for display."""
    if now is None or before is None:
        return _("tidak dapat dibandingkan")
    difference = round_half_up(now - before, 2)
    if difference > 0:
        return _("naik %(poin)s poin persen") % {"poin": format_persen(difference)}
    if difference < 0:
        return _("turun %(poin)s poin persen") % {"poin": format_persen(-difference)}
    return _("sama")


def year_on_year_sentence(totals: fig.Figures, previous: fig.Figures, tahun_lalu: int) -> str:
    """ "Dibandingkan tahun 2024, realisasi keuangan naik 10,52 poin persen dan fisik naik
    12,54 poin persen." The difference is this year's realisasi % minus last year's, both
    unrounded (a figure of this module, from the two Figures objects)."""
    return _(
        "Dibandingkan tahun %(tahun)s, realisasi keuangan %(keuangan)s dan fisik %(fisik)s."
    ) % {
        "tahun": tahun_lalu,
        "keuangan": _change_words(
            totals.realisasi_keuangan_persen, previous.realisasi_keuangan_persen
        ),
        "fisik": _change_words(totals.realisasi_fisik, previous.realisasi_fisik),
    }


def opd_sentence(row: fig.OpdRow) -> str:
    """ "Kecamatan Wanadadi dengan realisasi keuangan 92,61 persen dan fisik 92,68 persen"."""
    return _("%(nama)s dengan realisasi keuangan %(keuangan)s dan fisik %(fisik)s") % {
        "nama": row.nama,
        "keuangan": format_persen_words(row.figures.realisasi_keuangan_persen),
        "fisik": format_persen_words(row.figures.realisasi_fisik),
    }


def fisik_sentence(row: fig.OpdRow) -> str:
    """ "Kecamatan Purwanegara dengan realisasi fisik 91,24 persen"."""
    return _("%(nama)s dengan realisasi fisik %(fisik)s") % {
        "nama": row.nama,
        "fisik": format_persen_words(row.figures.realisasi_fisik),
    }


def deviasi_sentence(row: fig.OpdRow) -> str:
    """ "Dinas Pendidikan dengan deviasi keuangan minus 10,00 persen (realisasi 70,00 persen
    dari target 80,00 persen)"."""
    f = row.figures
    return _(
        "%(nama)s dengan deviasi keuangan %(deviasi)s (realisasi %(realisasi)s dari target "
        "%(target)s)"
    ) % {
        "nama": row.nama,
        "deviasi": format_persen_words(f.deviasi_keuangan),
        "realisasi": format_persen_words(f.realisasi_keuangan_persen),
        "target": format_persen_words(f.target_keuangan_persen),
    }


@dataclass(frozen=True)
class RankingSection:
    """One ranking of the briefing as sentences: (rank, sentence) of the top and the bottom."""

    key: str
    title: str
    top: list[tuple[int, str]]
    bottom: list[tuple[int, str]]


RANKING_SENTENCES = {"keuangan": opd_sentence, "fisik": fisik_sentence, "deviasi": deviasi_sentence}


def ranking_section(ranking: fig.Ranking) -> RankingSection:
    sentence = RANKING_SENTENCES[ranking.key]
    titles = {
        "keuangan": _("Menurut realisasi keuangan"),
        "fisik": _("Menurut realisasi fisik"),
        "deviasi": _("Menurut deviasi keuangan"),
    }
    return RankingSection(
        key=ranking.key,
        title=titles[ranking.key],
        top=[(ranked.rank, sentence(ranked.row)) for ranked in ranking.top],
        bottom=[(ranked.rank, sentence(ranked.row)) for ranked in ranking.bottom],
    )
