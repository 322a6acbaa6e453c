"""Upload forms of the imports: the file, the year and the options of each kind."""

import datetime
from typing import cast

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .choices import BULAN_CHOICES, JenisImpor, SumberRealisasi
from .importers import IMPORTERS, ImportRejected, check_name_and_size
from .importers.mapping import mapping_for, preset_choices
from .importers.reading import normalize_header
from .models import ColumnPreset

STAGE_CHOICES = [
    ("murni", _("APBD Murni")),
    *[(f"pergeseran-{n}", format_lazy("{} {}", _("Pergeseran"), n)) for n in range(1, 10)],
    ("perubahan", _("APBD Perubahan")),
]


class ImportForm(forms.Form):
    jenis = JenisImpor.TARGET
    file = forms.FileField(
        label=_("File (.xlsx atau .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    tahun = forms.IntegerField(label=_("Tahun anggaran"), min_value=2000, max_value=2100)
    pemetaan = forms.ChoiceField(
        label=_("Judul kolom file"),
        required=False,
        help_text=_(
            "Untuk file Anda sendiri (mis. ekspor SIPD) yang judul kolomnya berbeda dari template."
        ),
    )

    def __init__(self, *args, **kwargs):
        kwargs["initial"] = {"tahun": datetime.date.today().year, **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["pemetaan"]).choices = preset_choices(self.jenis)

    def mapping(self):
        return mapping_for(self.jenis, self.cleaned_data.get("pemetaan") or "")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_name_and_size(upload.name, upload.size)
        except ImportRejected as exc:
            raise forms.ValidationError([str(problem) for problem in exc.problems]) from None
        return upload

    def import_options(self) -> dict:
        """The keyword options of run_import this form carries."""
        return {"mapping": self.mapping()}


class ApbdImportForm(ImportForm):
    jenis = JenisImpor.APBD
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
        return super().import_options() | {
            "stage": self.cleaned_data["stage"],
            "berlaku_mulai": self.cleaned_data["berlaku_mulai"],
        }


class RealisasiImportForm(ImportForm):
    jenis = JenisImpor.REALISASI
    sumber = forms.ChoiceField(
        label=_("Sumber data"),
        choices=SumberRealisasi.choices,
        initial=SumberRealisasi.OPD,
        help_text=_("SP2D: hanya realisasi keuangan yang diambil dari file."),
    )

    def import_options(self):
        return super().import_options() | {"sumber": self.cleaned_data["sumber"]}


class UserImportForm(ImportForm):
    """Accounts belong to no fiscal year."""

    jenis = JenisImpor.PENGGUNA
    # None removes the inherited field (Django's declared-field rule; the stubs do not model it).
    tahun = None  # type: ignore[assignment]


class IndikatorImportForm(ImportForm):
    jenis = JenisImpor.INDIKATOR


class IndikatorRealisasiImportForm(ImportForm):
    jenis = JenisImpor.INDIKATOR_REALISASI


FORMS = {
    JenisImpor.APBD: ApbdImportForm,
    JenisImpor.TARGET: ImportForm,
    JenisImpor.REALISASI: RealisasiImportForm,
    JenisImpor.INDIKATOR: IndikatorImportForm,
    JenisImpor.INDIKATOR_REALISASI: IndikatorRealisasiImportForm,
    JenisImpor.PENGGUNA: UserImportForm,
}


class ColumnPresetForm(forms.Form):
    """The column-mapping step: for each column of the template, which column of the file
    holds it. Saved as a named preset (realisasi.models.ColumnPreset) of this kind of import."""

    nama = forms.CharField(label=_("Nama pemetaan"), max_length=100)

    def __init__(self, *args, jenis: str, headers: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.jenis = jenis
        self.importer = IMPORTERS[jenis]
        choices = [("", _("— tidak ada —")), *[(h, h) for h in headers if h]]
        for column in self.importer.columns():
            required = column in self.importer.required
            field: forms.Field
            if headers:
                field = forms.ChoiceField(choices=choices, required=required)
            else:
                field = forms.CharField(max_length=100, required=required)
            field.label = column
            field.initial = column if column in headers else ""
            self.fields[f"kolom_{column}"] = field
        if jenis == JenisImpor.APBD:
            self.fields["gabung_duplikat"] = forms.BooleanField(
                label=_("Jumlahkan baris kembar (sub unit digabung ke SKPD-nya)"), required=False
            )

    def clean_nama(self):
        nama = " ".join(self.cleaned_data["nama"].split())
        if ColumnPreset.objects.filter(jenis=self.jenis, nama__iexact=nama).exists():
            raise forms.ValidationError(_("Pemetaan dengan nama ini sudah ada."))
        return nama

    def clean(self):
        super().clean()
        data = self.cleaned_data
        used: dict[str, str] = {}
        for column in self.importer.columns():
            source = data.get(f"kolom_{column}")
            if source and source in used:
                self.add_error(
                    f"kolom_{column}",
                    _("Kolom '%(s)s' sudah dipakai untuk %(c)s.")
                    % {"s": source, "c": used[source]},
                )
            elif source:
                used[source] = column
        return data

    def save(self, user):
        return ColumnPreset.objects.create(
            jenis=self.jenis,
            nama=self.cleaned_data["nama"],
            kolom={
                column: normalize_header(self.cleaned_data[f"kolom_{column}"])
                for column in self.importer.columns()
                if self.cleaned_data.get(f"kolom_{column}")
            },
            gabung_duplikat=self.cleaned_data.get("gabung_duplikat", False),
            created_by=user,
        )
