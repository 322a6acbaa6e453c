"""Upload forms of the imports: the file, the year and the options of each kind."""

import datetime

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .choices import BULAN_CHOICES, JenisImpor, SumberRealisasi
from .importers import ImportRejected, check_name_and_size

STAGE_CHOICES = [
    ("murni", _("APBD Murni")),
    *[(f"pergeseran-{n}", format_lazy("{} {}", _("Pergeseran"), n)) for n in range(1, 10)],
    ("perubahan", _("APBD Perubahan")),
]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (.xlsx atau .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    tahun = forms.IntegerField(label=_("Tahun anggaran"), min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"tahun": datetime.date.today().year})
        super().__init__(*args, **kwargs)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_name_and_size(upload.name, upload.size)
        except ImportRejected as exc:
            raise forms.ValidationError([str(problem) for problem in exc.problems]) from None
        return upload

    def import_options(self) -> dict:
        """The keyword options of run_import this form carries."""
        return {}


class ApbdImportForm(ImportForm):
    stage = forms.ChoiceField(label=_("Tahap APBD"), choices=STAGE_CHOICES, initial="murni")
    berlaku_mulai = forms.TypedChoiceField(
        label=_("Berlaku mulai bulan"),
        choices=[("", _("bawaan (murni: Januari, perubahan: September)")), *BULAN_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Wajib untuk tahap pergeseran yang baru."),
    )

    def import_options(self):
        return {
            "stage": self.cleaned_data["stage"],
            "berlaku_mulai": self.cleaned_data["berlaku_mulai"],
        }


class RealisasiImportForm(ImportForm):
    sumber = forms.ChoiceField(
        label=_("Sumber data"),
        choices=SumberRealisasi.choices,
        initial=SumberRealisasi.OPD,
        help_text=_("SP2D: hanya realisasi keuangan yang diambil dari file."),
    )

    def import_options(self):
        return {"sumber": self.cleaned_data["sumber"]}


FORMS = {
    JenisImpor.APBD: ApbdImportForm,
    JenisImpor.TARGET: ImportForm,
    JenisImpor.REALISASI: RealisasiImportForm,
}
