"""A real Rakor installation for the province tests: its own SQLite database, migrated and
given a small hand-computed Pemda, served by gunicorn on a loopback port.

Run as `python -m tests.reports.province_instance seed <realisasi Rp>` inside the instance's
environment to load its data; prints the read token of its pimpinan.
"""

import sys


def seed(realisasi_rp: int) -> None:
    import django

    django.setup()
    from opd.choices import Role
    from rakor.tokens import ApiToken
    from tests.factories import (
        BudgetLineFactory,
        FiscalYearFactory,
        OpdFactory,
        RealisasiFactory,
        TargetFactory,
        UserFactory,
    )

    year = FiscalYearFactory(tahun=2025)
    opd = OpdFactory(kode="1.01", nama="Dinas Alfa")
    # one line of Rp1.000.000: target 500.000 / 50 %, realisasi `realisasi_rp` / 40 %
    line = BudgetLineFactory(fiscal_year=year, opd=opd, pagu=1_000_000)
    TargetFactory(line=line, bulan=3, target_keuangan=500_000, target_fisik=50)
    RealisasiFactory(line=line, bulan=3, realisasi_keuangan=realisasi_rp, realisasi_fisik=40)
    sekda = UserFactory(username="sekda", role=Role.PIMPINAN, opd=None)
    _, key = ApiToken.issue(sekda, "provinsi")
    print(key)


if __name__ == "__main__":
    if sys.argv[1] == "seed":
        seed(int(sys.argv[2]))
