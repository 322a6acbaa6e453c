"""An import whose process is killed (SIGKILL) in the middle of writing leaves the database as
it was: the whole import is one transaction, and PostgreSQL rolls back what a dead connection
left open."""

import csv
import os
import signal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection

from realisasi.models import AuditEvent, BudgetLine, ImportRecord, Pagu, Realisasi, SubKegiatan
from tests.factories import KegiatanFactory, OpdFactory, SumberDanaFactory
from tests.realisasi.import_realisasi_helpers import HEADER

ROOT = Path(__file__).resolve().parents[2]
LINES = 600  # × 12 months = 7.200 rows: progress is printed at 5.000, mid-way through writing

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="a second process needs a database file it can share: PostgreSQL",
    ),
]


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def realization_file(transactional_db, tmp_path, year):
    opd = OpdFactory(kode="1.02")
    kegiatan = KegiatanFactory()
    sumber = SumberDanaFactory()
    subs = SubKegiatan.objects.bulk_create(
        SubKegiatan(kode=f"{kegiatan.kode}.{n:04d}", nama=f"Sub {n}", kegiatan=kegiatan)
        for n in range(LINES)
    )
    lines = BudgetLine.objects.bulk_create(
        BudgetLine(fiscal_year=year, opd=opd, sub_kegiatan=sub, sumber_dana=sumber) for sub in subs
    )
    murni = year.stages.get(kode="murni")
    Pagu.objects.bulk_create(Pagu(line=line, stage=murni, pagu=Decimal(10**9)) for line in lines)
    path = tmp_path / "realisasi.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for sub in subs:
            for bulan in range(1, 13):
                writer.writerow(
                    ["1.02", sub.kode, sumber.nama, bulan, bulan * 1000, bulan * 8, "", ""]
                )
    return path


def test_import_killed_while_writing_leaves_the_database_as_before(realization_file):
    env = dict(
        os.environ,
        DATABASE_URL=database_url(),
        DJANGO_SETTINGS_MODULE="rakor.test_settings",
    )
    process = subprocess.Popen(
        [sys.executable, "manage.py", "import_realisasi", str(realization_file), "--year", "2025"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen = []
    for line in process.stderr:
        seen.append(line)
        if line.startswith("Menyimpan: 5000/"):
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "".join(seen)
    assert Realisasi.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    assert ImportRecord.objects.count() == 0
