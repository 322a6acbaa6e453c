"""Plain helpers of the capaian kinerja tests (the Pemda's page, and the briefing's section)."""

from tests.factories import IndikatorFactory, IndikatorRealisasiFactory


def indicator(line, realized, **kwargs):
    """An output indicator with targets 25 per quarter (75 s.d. TW III) realized `realized`
    in TW III alone (after 25 and 25): capaian (50 + realized) / 75 × 100."""
    ind = IndikatorFactory(line=line, **kwargs)
    for tw, value in ((1, 25), (2, 25), (3, realized)):
        IndikatorRealisasiFactory(indikator=ind, triwulan=tw, realisasi=value)
    return ind
