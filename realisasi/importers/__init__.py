"""The imports: APBD, target and realisasi (verifikator users bring a year's budget in with
them), indikator kinerja and their realization, and users (the admin makes the Pemda's
accounts in bulk).

Public names:
- `run_import(jenis, name, data, tahun=..., user=None, progress=None, **options)` →
  ImportResult, or raises ImportRejected (with `.problems`, each a Problem(baris, kolom,
  masalah)) having written nothing. Options: `stage`, `berlaku_mulai` (apbd), `sumber` (realisasi),
  `mapping` (a mapping.ColumnMapping: the file's own headers, see mapping.py). The user
  import takes `tahun=None` and returns its new one-time passwords in `result.passwords`.
- `IMPORTERS`: {jenis: importer class}; each class has `required`, `optional`, `example`.
- `template_xlsx(jenis)`, `template_csv(jenis)`: the downloadable template files.
- `check_name_and_size(name, size)`: refuse a file before reading it.
The formats are documented in docs/import-formats.md.
"""

from ..choices import JenisImpor
from .apbd import ApbdImporter
from .base import Importer
from .indikator import IndikatorImporter, IndikatorRealisasiImporter
from .problems import ImportRejected, ImportResult, Problem
from .reading import check_name_and_size, max_bytes
from .realisasi import RealisasiImporter
from .target import TargetImporter
from .template_files import template_csv, template_xlsx
from .users import UserImporter

# Keyed by JenisImpor, read with the plain string of a form or URL (a TextChoices is a str).
IMPORTERS: dict[str, type[Importer]] = {
    JenisImpor.APBD: ApbdImporter,
    JenisImpor.TARGET: TargetImporter,
    JenisImpor.REALISASI: RealisasiImporter,
    JenisImpor.PENGGUNA: UserImporter,
    JenisImpor.INDIKATOR: IndikatorImporter,
    JenisImpor.INDIKATOR_REALISASI: IndikatorRealisasiImporter,
}


def run_import(
    jenis: str, name: str, data: bytes, *, tahun: int | None, user=None, progress=None, **options
):
    """Import one file of kind `jenis` for fiscal year `tahun`; see the module docstring."""
    importer = IMPORTERS[jenis](tahun, user=user, progress=progress, **options)
    return importer.run(name, data)


__all__ = [
    "IMPORTERS",
    "ImportRejected",
    "ImportResult",
    "Problem",
    "check_name_and_size",
    "max_bytes",
    "run_import",
    "template_csv",
    "template_xlsx",
]
