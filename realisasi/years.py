"""Opening a fiscal year (`manage.py open_year`, the set-up page) and the state of a year's
set-up (the set-up page's checklist).

OPDs, groupings, users and sumber dana are not tied to a year in Rakor's model: opening a year
carries them over by leaving them as they are. What a year owns is its deadline day, its APBD
stages, budget lines, targets and reports; a new year starts with the deadline day of the year
it comes from (else RAKOR_DEADLINE_DAY) and nothing else, ready for its APBD import.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opd.access import OPD_ROLES
from opd.models import Grouping, Opd

from .choices import NAMA_BULAN
from .models import BudgetLine, FiscalYear, SumberDana, Target
from .period import Period

DEMO_PEMDA_NAME = "Pemerintah Kabupaten Sukamaju"


class YearError(ValueError):
    """A year that cannot be opened; the message is for the user."""


@dataclass
class OpenedYear:
    year: FiscalYear
    from_year: FiscalYear | None
    opd: int
    groupings: int
    users: int
    sumber_dana: int

    def summary(self) -> str:
        text = _(
            "Tahun anggaran %(t)s dibuka (batas lapor tanggal %(d)s bulan berikutnya). Tetap "
            "berlaku: %(opd)s OPD aktif, %(g)s pengelompokan, %(u)s pengguna aktif, %(sd)s "
            "sumber dana. Langkah berikutnya: impor APBD %(t)s."
        ) % {
            "t": self.year.tahun,
            "d": self.year.batas_hari_lapor,
            "opd": self.opd,
            "g": self.groupings,
            "u": self.users,
            "sd": self.sumber_dana,
        }
        if self.from_year is not None:
            text = _("Dari %(f)s: ") % {"f": self.from_year.tahun} + text
        return text


def open_year(tahun: int, from_tahun: int | None = None) -> OpenedYear:
    """Create fiscal year `tahun`, carrying the deadline day of `from_tahun` (default: the
    latest earlier year, if any). Refuses a year that exists or an unknown `from_tahun`."""
    if not 2000 <= tahun <= 2100:
        raise YearError(_("Tahun %(t)s di luar rentang 2000–2100.") % {"t": tahun})
    if from_tahun is not None:
        source = FiscalYear.objects.filter(tahun=from_tahun).first()
        if source is None:
            raise YearError(_("Tahun anggaran %(t)s tidak ada.") % {"t": from_tahun})
    else:
        source = FiscalYear.objects.filter(tahun__lt=tahun).order_by("-tahun").first()
    try:
        with transaction.atomic():
            year = FiscalYear.objects.create(
                tahun=tahun,
                batas_hari_lapor=(
                    source.batas_hari_lapor if source is not None else settings.RAKOR_DEADLINE_DAY
                ),
            )
    except IntegrityError as exc:
        raise YearError(_("Tahun anggaran %(t)s sudah ada.") % {"t": tahun}) from exc
    return OpenedYear(
        year=year,
        from_year=source,
        opd=Opd.objects.filter(aktif=True).count(),
        groupings=Grouping.objects.count(),
        users=get_user_model().objects.filter(is_active=True).count(),
        sumber_dana=SumberDana.objects.count(),
    )


# --- the set-up checklist --------------------------------------------------------------------


@dataclass
class Step:
    """One step of the set-up: done or not, what is there, what is missing, where to do it."""

    title: str
    done: bool
    state: str
    missing: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)


def setup_steps(tahun: int, today: datetime.date) -> list[Step]:
    """The set-up of fiscal year `tahun`, in the order a Bappeda works."""
    year = FiscalYear.objects.filter(tahun=tahun).first()
    return [
        _pemda_step(),
        _year_step(tahun, year),
        _opd_step(),
        _apbd_step(tahun, year),
        _target_step(tahun, year),
        _users_step(tahun, year),
        _first_month_step(tahun, year, today),
    ]


def _admin(name: str) -> str:
    return reverse(f"admin:{name}")


def _pemda_step() -> Step:
    name = settings.RAKOR_PEMDA_NAME
    missing = []
    if name == DEMO_PEMDA_NAME:
        missing.append(_("nama Pemda masih nama contoh: atur RAKOR_PEMDA_NAME"))
    if not settings.RAKOR_PEMDA_LOGO:
        missing.append(_("logo belum ada (sampul bahan Rakor): atur RAKOR_PEMDA_LOGO"))
    return Step(
        _("Nama dan logo Pemda"),
        done=not missing,
        state=name,
        missing="; ".join(missing) + (_(" (variabel lingkungan server).") if missing else ""),
    )


def _year_step(tahun: int, year) -> Step:
    if year is None:
        return Step(
            _("Tahun anggaran dan batas hari lapor"),
            done=False,
            state=_("Tahun anggaran %(t)s belum dibuka.") % {"t": tahun},
            missing=_("Buka tahun %(t)s dengan tombol di bawah (atau manage.py open_year %(t)s).")
            % {"t": tahun},
        )
    return Step(
        _("Tahun anggaran dan batas hari lapor"),
        done=True,
        state=_("Tahun %(t)s; laporan bulan m jatuh tempo tanggal %(d)s bulan berikutnya.")
        % {"t": tahun, "d": year.batas_hari_lapor},
        links=[
            (
                _("Ubah batas hari lapor"),
                reverse("admin:realisasi_fiscalyear_change", args=[year.pk]),
            )
        ],
    )


def _opd_step() -> Step:
    counts = Opd.objects.filter(aktif=True).aggregate(
        total=Count("pk"), tanpa_kelompok=Count("pk", filter=Q(grouping__isnull=True))
    )
    groupings = Grouping.objects.count()
    missing = []
    if not counts["total"]:
        missing.append(_("belum ada OPD: impor APBD membuatnya, atau tambahkan di halaman Admin"))
    if counts["tanpa_kelompok"] and counts["total"]:
        missing.append(
            _("%(n)s OPD belum masuk pengelompokan (asisten/sektor)")
            % {"n": counts["tanpa_kelompok"]}
        )
    return Step(
        _("OPD dan pengelompokan"),
        done=bool(counts["total"]) and not counts["tanpa_kelompok"],
        state=_("%(o)s OPD aktif, %(g)s pengelompokan.") % {"o": counts["total"], "g": groupings},
        missing="; ".join(missing),
        links=[
            (_("OPD"), _admin("opd_opd_changelist")),
            (_("Pengelompokan"), _admin("opd_grouping_changelist")),
        ],
    )


def _apbd_step(tahun: int, year) -> Step:
    link = [(_("Impor APBD"), reverse("realisasi:import_apbd"))]
    if year is None:
        return Step(
            _("APBD"),
            done=False,
            state=_("Belum ada."),
            missing=_("Buka tahunnya dulu."),
            links=link,
        )
    lines = BudgetLine.objects.filter(fiscal_year=year).count()
    stages = [str(stage) for stage in year.stages.all()]
    if not lines:
        return Step(
            _("APBD"),
            done=False,
            state=_("Belum ada baris anggaran tahun %(t)s.") % {"t": tahun},
            missing=_("Impor APBD murni (template atau ekspor SIPD)."),
            links=link,
        )
    return Step(
        _("APBD"),
        done=True,
        state=_("%(n)s baris anggaran; tahap: %(s)s.") % {"n": lines, "s": ", ".join(stages)},
        links=link,
    )


def _target_step(tahun: int, year) -> Step:
    link = [(_("Impor target"), reverse("realisasi:import_target"))]
    if year is None:
        return Step(_("Target (RKO / anggaran kas)"), done=False, state=_("Belum ada."), links=link)
    counts = BudgetLine.objects.filter(fiscal_year=year).aggregate(
        total=Count("pk"),
        with_target=Count("pk", filter=Q(Exists(Target.objects.filter(line=OuterRef("pk"))))),
    )
    without = counts["total"] - counts["with_target"]
    return Step(
        _("Target (RKO / anggaran kas)"),
        done=bool(counts["total"]) and not without,
        state=_("%(w)s dari %(n)s baris anggaran bertarget.")
        % {"w": counts["with_target"], "n": counts["total"]},
        missing=_("%(n)s baris anggaran belum bertarget.") % {"n": without} if without else "",
        links=link,
    )


def _users_step(tahun: int, year) -> Step:
    link = [
        (_("Impor pengguna"), reverse("realisasi:import_pengguna")),
        (_("Pengguna"), _admin("opd_user_changelist")),
    ]
    operators = get_user_model().objects.filter(
        is_active=True, role__in=OPD_ROLES, opd=OuterRef("pk")
    )
    opds = Opd.objects.filter(aktif=True)
    if year is not None:
        opds = opds.filter(Exists(BudgetLine.objects.filter(fiscal_year=year, opd=OuterRef("pk"))))
    counts = opds.aggregate(total=Count("pk"), tanpa=Count("pk", filter=~Q(Exists(operators))))
    users = get_user_model().objects.filter(is_active=True).count()
    without = list(opds.filter(~Q(Exists(operators))).values_list("kode", flat=True)[:5])
    missing = ""
    if counts["tanpa"]:
        missing = _("%(n)s OPD belum punya operator/pengelola: %(list)s") % {
            "n": counts["tanpa"],
            "list": ", ".join(without) + (" …" if counts["tanpa"] > len(without) else ""),
        }
    return Step(
        _("Pengguna per OPD"),
        done=bool(counts["total"]) and not counts["tanpa"],
        state=_("%(u)s pengguna aktif; %(o)s dari %(n)s OPD punya operator/pengelola.")
        % {"u": users, "o": counts["total"] - counts["tanpa"], "n": counts["total"]},
        missing=missing,
        links=link,
    )


def _first_month_step(tahun: int, year, today: datetime.date) -> Step:
    title = _("Bulan pertama dibuka")
    if year is None or not BudgetLine.objects.filter(fiscal_year=year).exists():
        return Step(title, done=False, state=_("Belum: APBD tahun ini belum ada."))
    report_tahun, report_bulan = Period.reporting(today)
    if report_tahun < tahun:
        return Step(
            title,
            done=False,
            state=_(
                "Laporan Januari %(t)s diisi OPD mulai 1 Februari %(t)s, paling lambat %(due)s."
            )
            % {"t": tahun, "due": date_format(year.due_date(1), "j F Y")},
        )
    bulan = report_bulan if report_tahun == tahun else 12
    return Step(
        title,
        done=True,
        state=_("OPD mengisi laporan %(b)s %(t)s, jatuh tempo %(due)s.")
        % {"b": NAMA_BULAN[bulan], "t": tahun, "due": date_format(year.due_date(bulan), "j F Y")},
        links=[(_("Laporan bulanan"), reverse("realisasi:report_home"))],
    )
