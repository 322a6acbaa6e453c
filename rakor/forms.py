"""Forms of the Rakor meetings: the meeting, an arahan with its follow-ups, an OPD's update,
and the filter of the follow-up list."""

from typing import cast

import django_filters
from django import forms
from django.forms import inlineformset_factory
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from opd.choices import JenisOpd
from opd.models import Opd
from realisasi.models import FiscalYear
from realisasi.period import Period
from realisasi.validators import FreeTextLength

from .choices import JenisRakor, StatusTindakLanjut
from .models import Arahan, Rakor, TindakLanjut

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RakorForm(forms.ModelForm):
    """A meeting. A new one starts as the usual Rakor POK: this year, the last complete month
    as its cut-off and its triwulan, every active OPD invited (the domain's "all OPD heads and
    camat"); the page groups the invitation and the attendance (see meeting_form.html)."""

    INVITE_FIELDS = ("undang_semua", "undang_jenis")
    ATTENDANCE_FIELDS = ("hadir_semua", "opd_hadir")
    NOTE_FIELDS = ("agenda", "notulen")

    class Meta:
        model = Rakor
        fields = [
            "jenis",
            "fiscal_year",
            "triwulan",
            "bulan_data",
            "tanggal",
            "tempat",
            "pimpinan_rapat",
            "opd_diundang",
            "opd_hadir",
            "agenda",
            "notulen",
        ]
        widgets = {
            "tanggal": DATE_INPUT,
            "opd_diundang": forms.CheckboxSelectMultiple(attrs={"class": "opd-checks"}),
            "opd_hadir": forms.CheckboxSelectMultiple(attrs={"class": "opd-checks"}),
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "notulen": forms.Textarea(attrs={"rows": 8}),
        }

    # Inviting 45 OPDs one checkbox at a time takes minutes: all of them, or every OPD of some
    # kinds, in one tick (added to those ticked one by one).
    undang_semua = forms.BooleanField(label=_("Undang semua OPD aktif"), required=False)
    undang_jenis = forms.MultipleChoiceField(
        label=_("Undang semua OPD berjenis"),
        choices=JenisOpd.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "inline-checks"}),
    )
    hadir_semua = forms.BooleanField(
        label=_("Semua OPD yang diundang hadir"),
        required=False,
        help_text=_("Kehadiran dicatat setelah rapat berlangsung."),
    )

    field_order = [
        "jenis",
        "fiscal_year",
        "triwulan",
        "bulan_data",
        "tanggal",
        "tempat",
        "pimpinan_rapat",
        "undang_semua",
        "undang_jenis",
        "opd_diundang",
        "hadir_semua",
        "opd_hadir",
    ]

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.active_opds = Opd.objects.filter(aktif=True).order_by("kode")
        for name in ("opd_diundang", "opd_hadir"):
            cast(forms.ModelMultipleChoiceField, self.fields[name]).queryset = self.active_opds
        self.fields["opd_diundang"].required = False
        if self.instance.pk is None and not self.is_bound:
            self.initial.update(new_meeting_defaults(self.today))

    def _bound(self, names) -> list[forms.BoundField]:
        return [self[name] for name in names]

    @property
    def meeting_fields(self) -> list[forms.BoundField]:
        """What the meeting is: kind, year, triwulan, cut-off, date, place, chair."""
        grouped = {*self.INVITE_FIELDS, "opd_diundang", *self.ATTENDANCE_FIELDS}
        return [field for field in self if field.name not in {*grouped, *self.NOTE_FIELDS}]

    @property
    def invite_fields(self) -> list[forms.BoundField]:
        return self._bound(self.INVITE_FIELDS)

    @property
    def attendance_fields(self) -> list[forms.BoundField]:
        return self._bound(self.ATTENDANCE_FIELDS)

    @property
    def note_fields(self) -> list[forms.BoundField]:
        return self._bound(self.NOTE_FIELDS)

    @property
    def pick_open(self) -> bool:
        """The one-by-one list of invited OPDs shows open when it holds the answer: on an error,
        or for a meeting that invited some OPDs only (a new one invites them all)."""
        if self["opd_diundang"].errors:
            return True
        if self.instance.pk is None:
            return False
        return self.instance.opd_diundang.count() != self.active_opds.count()

    @property
    def attendance_open(self) -> bool:
        """Attendance is recorded once the meeting is held: before that it stays folded."""
        if any(field.errors for field in self.attendance_fields):
            return True
        return self.instance.pk is not None and self.instance.is_held(self.today)

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        active = self.active_opds
        diundang = set(cleaned.get("opd_diundang") or [])
        if cleaned.get("undang_semua"):
            diundang |= set(active)
        if cleaned.get("undang_jenis"):
            diundang |= set(active.filter(jenis__in=cleaned["undang_jenis"]))
        cleaned["opd_diundang"] = sorted(diundang, key=lambda opd: opd.kode)
        hadir = set(cleaned.get("opd_hadir") or [])
        if cleaned.get("hadir_semua"):
            hadir |= diundang
        tanggal = cleaned.get("tanggal")
        if hadir and tanggal and tanggal > timezone.localdate():
            self.add_error(
                "opd_hadir",
                _(
                    "Kehadiran dicatat setelah rapat berlangsung; rapat ini baru pada "
                    "%(tanggal)s. Sebelum itu OPD tercatat sebagai diundang."
                )
                % {"tanggal": formats.date_format(tanggal, "j F Y")},
            )
        if diundang and hadir - diundang:
            names = ", ".join(sorted(opd.short_name for opd in hadir - diundang))
            self.add_error("opd_hadir", _("OPD hadir yang tidak diundang: %s.") % names)
        cleaned["opd_hadir"] = sorted(hadir, key=lambda opd: opd.kode)
        return cleaned


def new_meeting_defaults(today) -> dict:
    """A new meeting's starting values on `today`: a Rakor POK whose cut-off is the month the
    dashboards and the briefing show by default (Period.default: the last complete month, as
    the domain's TW IV Rakor on 16 December reports "hingga akhir November"), in that month's
    fiscal year and triwulan, inviting every active OPD."""
    tahun, bulan = Period.default(today)
    defaults = {
        "jenis": JenisRakor.POK,
        "bulan_data": bulan,
        "triwulan": (bulan + 2) // 3,
        "undang_semua": True,
    }
    year = FiscalYear.objects.filter(tahun=tahun).first()
    if year is not None:
        defaults["fiscal_year"] = year.pk
    return defaults


class ArahanForm(forms.ModelForm):
    class Meta:
        model = Arahan
        fields = ["nomor", "isi"]
        widgets = {"isi": forms.Textarea(attrs={"rows": 3})}


class TindakLanjutForm(forms.ModelForm):
    class Meta:
        model = TindakLanjut
        fields = ["opd", "uraian", "batas_waktu", "status"]
        widgets = {"batas_waktu": DATE_INPUT, "uraian": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, rakor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rakor = rakor

    def clean_batas_waktu(self):
        """A follow-up decided at a meeting cannot be due before that meeting."""
        batas_waktu = self.cleaned_data["batas_waktu"]
        if self.rakor is not None and batas_waktu < self.rakor.tanggal:
            raise forms.ValidationError(
                _("Batas waktu %(batas)s sebelum tanggal rapat %(rapat)s.")
                % {
                    "batas": formats.date_format(batas_waktu, "j F Y"),
                    "rapat": formats.date_format(self.rakor.tanggal, "j F Y"),
                }
            )
        return batas_waktu


# Blank rows the arahan page offers; "Tambah baris" asks for more, up to MAX_NEW_ROWS at once.
NEW_ROWS = 2
MAX_NEW_ROWS = 100


def tindak_lanjut_formset(extra: int = NEW_ROWS):
    """The follow-ups of an arahan with `extra` blank rows (any number per arahan)."""
    return inlineformset_factory(
        Arahan,
        TindakLanjut,
        form=TindakLanjutForm,
        extra=max(0, min(extra, MAX_NEW_ROWS)),
        can_delete=True,
    )


class ProgressForm(forms.Form):
    """An OPD's update of its follow-up: the new status and what has been done."""

    status = forms.ChoiceField(label=_("Status"), choices=StatusTindakLanjut.choices)
    catatan = forms.CharField(
        label=_("Catatan perkembangan"),
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[FreeTextLength("catatan")],
        error_messages={"required": _("Catatan perkembangan wajib diisi.")},
    )


class TindakLanjutFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=StatusTindakLanjut.choices, empty_label=_("Semua")
    )
    opd = django_filters.ModelChoiceFilter(
        label=_("OPD"), queryset=Opd.objects.order_by("kode"), empty_label=_("Semua OPD")
    )
    terlambat = django_filters.BooleanFilter(
        label=_("Lewat batas waktu"),
        method="filter_terlambat",
        widget=forms.Select(choices=[("", _("Semua")), ("true", _("Ya")), ("false", _("Tidak"))]),
    )

    class Meta:
        model = TindakLanjut
        fields = ["status", "opd", "terlambat"]

    def filter_terlambat(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.overdue() if value else queryset.not_overdue()
