"""Figures measured inside one Django process against one scale's database.

`python -m bench.inprocess --scale K --out FILE` (DATABASE_URL = the scale's database, the
production settings of bench.config.APP_ENV): the summary and rekap pages through Django's
test Client (latency, SQL queries, ratio to the SQL floor), the month report page of the
150-line OPD (render and save), the import of a 30,000-row realization file, the capaian
kinerja pages (the largest OPD's ~900 indicators, the Pemda's), and a session cookie for the
load test. Each piece that is missing from the app is recorded as such.
"""

import argparse
import csv
import json
import sys
import tempfile
import time
import traceback
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

from .config import SCALES
from .measure import repeat, summarise

PAGE_BUDGET_S = 8.0  # timed runs of one page stop after about this long (at least 5 runs)


def adaptive_runs(first_s: float, budget: float = PAGE_BUDGET_S, low: int = 5, high: int = 25):
    return max(low, min(high, int(budget / max(first_s, 1e-3))))


class FormFields(HTMLParser):
    """The fields of the form with id `form_id`, as a browser would submit them."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text = ""
        # the open <select>: its name, its first option's value and its selected one's
        self._select: str | None = None
        self._options: list[str] = []
        self._selected: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if self.inside and tag == "option" and self._select is not None:
            value = attrs.get("value") or ""
            self._options.append(value)
            if "selected" in attrs:
                self._selected = value
            return
        if not self.inside or not attrs.get("name"):
            return
        if tag == "select" and "multiple" not in attrs:
            self._select, self._options, self._selected = attrs["name"], [], None
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("submit", "button", "file"):
                return
            self.fields.append((attrs["name"], attrs.get("value") or ""))
        elif tag == "textarea":
            self._textarea, self._text = attrs["name"], ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None:
            # a browser sends the selected option, or the first when none is
            chosen = (
                self._selected if self._selected is not None else next(iter(self._options), None)
            )
            if chosen is not None:
                self.fields.append((self._select, chosen))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, self._text.lstrip("\n")))
            self._textarea = None
        elif tag == "form":
            self.inside = False


def form_fields(html: str, form_id: str) -> dict[str, str]:
    parser = FormFields(form_id)
    parser.feed(html)
    return dict(parser.fields)


def post_form(client, url: str, fields: dict[str, str]):
    """POST the fields as a browser sends a form without enctype: urlencoded. (The test
    Client's default, multipart, took a third of a 150-line save in parsing alone.)"""
    return client.post(url, urlencode(fields), content_type="application/x-www-form-urlencoded")


def timed_get(client, url):
    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        return response

    return get


def count_queries(fn) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured.captured_queries)


def floor_connection():
    """A psycopg connection to the app's PostgreSQL database, JIT off as for the app's own
    connections (rakor/settings.py): the floor is the best PostgreSQL does with these sums."""
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    dsn = f"host={db['HOST']} port={db['PORT'] or 5432} dbname={db['NAME']} user={db['USER']}"
    dsn += " options='-c jit=off'"
    if db.get("PASSWORD"):
        dsn += f" password={db['PASSWORD']}"
    return psycopg.connect(dsn)


def meetings(scale) -> int:
    """The latest year's monthly Rakor meetings (one per month through the data's month),
    created once: the meeting list page (a page with no figures) lists them, and the last
    one's briefing preview is measured. Returns that last meeting's pk."""
    import datetime

    from rakor.choices import JenisRakor
    from rakor.models import Rakor
    from realisasi.models import FiscalYear

    fy = FiscalYear.objects.get(tahun=scale.latest_year)
    last: Rakor | None = None
    for bulan in range(1, scale.through_month + 1):
        last, _ = Rakor.objects.get_or_create(
            jenis=JenisRakor.BULANAN,
            tanggal=datetime.date(scale.latest_year, bulan + 1, 15),
            defaults={"fiscal_year": fy, "bulan_data": bulan, "tempat": "Ruang Rapat Bappeda"},
        )
    if last is None:
        raise ValueError("the scale has no month of data")
    return last.pk


def page_urls(scale, sqlite: bool) -> dict:
    """{name: url} of the pages measured on this database."""
    from django.urls import reverse

    from opd.models import Opd

    period = f"?tahun={scale.latest_year}&bulan={scale.through_month}"
    last_meeting = meetings(scale)
    urls = {
        "summary": reverse("reports:summary") + period,
        "rekap": reverse("reports:rekap") + period,
        "kurva": reverse("reports:kurva") + period,
        "meeting_list": reverse("rakor:meeting_list"),
    }
    if sqlite:
        big_opd = Opd.objects.earliest("pk")
        urls["opd"] = reverse("reports:opd", kwargs={"kode": big_opd.kode}) + period
        urls["briefing_preview"] = reverse(
            "reports:briefing_preview", kwargs={"rakor_pk": last_meeting}
        )
    return urls


# The figures pages also measured with no cache at all (every request renders and sums).
UNCACHED_PAGES = ("summary", "rekap", "kurva", "opd")


def no_cache():
    """Django's dummy cache for the block: no fragment is read back, every request computes
    its figures from the ledger's sums and renders them (issue 12's "no cache at all")."""
    from django.test import override_settings

    return override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    )


def measure_pages(scale, client, out: dict) -> None:
    """Each page: latency and query count; on PostgreSQL also the ratio to the SQL floor, on
    SQLite the ratio to the meeting list (a page with no figures) of the same run."""
    from django.db import connection

    from . import floor

    tahun, bulan = scale.latest_year, scale.through_month
    sqlite = connection.vendor == "sqlite"
    conn = None if sqlite else floor_connection()
    floors = {
        "summary": lambda source="ledger": floor.summary(conn, tahun, bulan, source),
        "rekap": lambda source="ledger": floor.rekap(conn, tahun, bulan, source),
        "kurva": lambda source="ledger": floor.kurva(conn, tahun, source),
    }
    pages = out.setdefault("pages", {})
    try:
        for name, url in page_urls(scale, sqlite).items():
            entry = pages.setdefault(name, {"url": url})
            get = timed_get(client, url)
            try:
                started = time.perf_counter()
                get()
                first = time.perf_counter() - started
            except Exception as exc:  # noqa: BLE001 - a broken page is a figure to report
                entry["error"] = f"{type(exc).__name__}: {exc}"
                continue
            runs = adaptive_runs(first)
            entry["latency"] = repeat(get, warmup=2, runs=runs)
            entry["queries"] = count_queries(get)
            if name in UNCACHED_PAGES:
                with no_cache():
                    entry["uncached"] = repeat(get, warmup=2, runs=runs)
                    entry["uncached_queries"] = count_queries(get)
            if conn is not None and name in floors:
                entry["floor"] = repeat(floors[name], warmup=2, runs=max(runs, 10))
                entry["floor_ratio"] = round(
                    entry["latency"]["p95_ms"] / entry["floor"]["p95_ms"], 2
                )
                if "uncached" in entry:
                    entry["uncached_floor_ratio"] = round(
                        entry["uncached"]["p95_ms"] / entry["floor"]["p95_ms"], 2
                    )
                # the SQL the page itself runs: the same sums over the sums per OPD
                entry["totals_floor"] = repeat(
                    lambda name=name: floors[name]("totals"), warmup=2, runs=max(runs, 10)
                )
            sys.stderr.write(
                f"  {scale.key} {connection.vendor} {name}: median "
                f"{entry['latency']['median_ms']} ms, p95 {entry['latency']['p95_ms']} ms, "
                f"{entry['queries']} queries"
                + (
                    f", no cache p95 {entry['uncached']['p95_ms']} ms"
                    f" ({entry['uncached_queries']} queries)"
                    if "uncached" in entry
                    else ""
                )
                + (f", floor {entry['floor']['median_ms']} ms\n" if "floor" in entry else "\n")
            )
    finally:
        if conn is not None:
            conn.close()
    reference = (pages.get("meeting_list") or {}).get("latency")
    if reference:
        for name, entry in pages.items():
            if "latency" in entry and name != "meeting_list":
                entry["reference_ratio"] = round(
                    entry["latency"]["p95_ms"] / reference["p95_ms"], 2
                )


def report_url(opd, tahun: int, bulan: int) -> str:
    from django.urls import reverse

    return reverse("realisasi:report", kwargs={"kode": opd.kode, "tahun": tahun, "bulan": bulan})


def measure_report(scale, client, out: dict) -> None:
    """The month report page of the 150-line OPD: render, and save of all its lines."""
    from django.urls import NoReverseMatch, reverse

    from opd.models import Opd

    entry = out.setdefault("report", {})
    opd = Opd.objects.earliest("pk")
    try:
        url = reverse(
            "realisasi:report",
            kwargs={"kode": opd.kode, "tahun": scale.latest_year, "bulan": scale.through_month},
        )
    except NoReverseMatch:
        entry["missing"] = "URL realisasi:report belum ada"
        return
    entry["url"] = url
    entry["lines"] = opd.budget_lines.filter(fiscal_year__tahun=scale.latest_year).count()
    get = timed_get(client, url)
    try:
        started = time.perf_counter()
        page = get()
        first = time.perf_counter() - started
    except Exception as exc:  # noqa: BLE001
        entry["error"] = f"{type(exc).__name__}: {exc}"
        return
    entry["render"] = repeat(get, warmup=2, runs=adaptive_runs(first))
    entry["render_queries"] = count_queries(get)

    original = form_fields(page.content.decode(), "report-form")
    keu = [name for name in original if name.startswith("keu-")]
    if not keu:
        entry["save_error"] = "formulir laporan tanpa isian keu-<id>"
        return
    entry["saved_lines"] = len(keu)
    run = 0
    to_post: dict[str, str] = {}

    def load_form():
        nonlocal run, to_post
        # The page is fetched again before each save: the form carries the report's version.
        fields = form_fields(get().content.decode(), "report-form")
        run += 1
        if run % 2:
            # A correction of Rp1 on every line, confirmed, so every line is written.
            for name in keu:
                pk = name.split("-", 1)[1]
                value = int(original[name].replace(".", "").split(",")[0] or 0)
                fields[name] = str(max(value - 1, 0))
                fields[f"konfirmasi-{pk}"] = "on"
                fields[f"alasan-{pk}"] = "Koreksi uji beban"
        else:
            for name in keu:
                fields[name] = original[name]
        fields["aksi"] = "simpan"
        to_post = fields

    def save():
        response = post_form(client, url, to_post)
        if response.status_code != 302:
            raise RuntimeError(f"simpan ditolak: HTTP {response.status_code}")

    try:
        entry["save"] = repeat(save, warmup=2, runs=12, before=load_form)
        load_form()
        entry["save_queries"] = count_queries(save)
    except Exception as exc:  # noqa: BLE001
        entry["save_error"] = f"{type(exc).__name__}: {exc}"
    finally:
        # Put the original figures back so the pages measure the generated data.
        fields = form_fields(get().content.decode(), "report-form")
        for name in keu:
            fields[name] = original[name]
        post_form(client, url, {**fields, "aksi": "simpan"})
    sys.stderr.write(f"  {scale.key} report: {json.dumps(entry)[:300]}\n")


def write_import_file(scale, path: Path) -> int:
    """A realization file for every line of the import year, every month: cumulative rows."""
    from realisasi.models import BudgetLine

    lines = (
        BudgetLine.objects.for_year(scale.import_year)
        .select_related("opd", "sub_kegiatan", "sumber_dana")
        .with_figures(12)
        .order_by("pk")
    )
    rows = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "kode_opd",
                "kode_sub_kegiatan",
                "sumber_dana",
                "bulan",
                "realisasi_keuangan",
                "realisasi_fisik",
                "kendala",
                "solusi",
            ]
        )
        for line in lines:
            for bulan in range(1, scale.import_months + 1):
                share = bulan / 12
                writer.writerow(
                    [
                        line.opd.kode,
                        line.sub_kegiatan.kode,
                        line.sumber_dana.nama,
                        bulan,
                        int(line.pagu_m * bulan * 9 / 120),
                        f"{90 * share:.2f}",
                        "",
                        "",
                    ]
                )
                rows += 1
    return rows


def clear_import_year(scale) -> None:
    from django.db import transaction

    from realisasi import ledger
    from realisasi.models import AuditEvent, ImportRecord, MonthlyReport, Realisasi

    # QuerySet.delete() sends post_delete per row, and each would refresh its line's ledger
    # (30,000 refreshes: many minutes); deferred() refreshes each line once, at the end.
    with transaction.atomic(), ledger.deferred():
        AuditEvent.objects.filter(tahun=scale.import_year).delete()
        AuditEvent.objects.filter(import_record__fiscal_year__tahun=scale.import_year).delete()
        ImportRecord.objects.filter(fiscal_year__tahun=scale.import_year).delete()
        Realisasi.objects.filter(line__fiscal_year__tahun=scale.import_year).delete()
        MonthlyReport.objects.filter(fiscal_year__tahun=scale.import_year).delete()


def measure_import(scale, out: dict, runs: int = 3) -> None:
    from django.core.management import call_command, get_commands

    entry = out.setdefault("import", {})
    if "import_realisasi" not in get_commands():
        entry["missing"] = "perintah import_realisasi belum ada"
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "realisasi.csv"
        entry["rows"] = write_import_file(scale, path)
        seconds = []
        try:
            for _ in range(runs):
                clear_import_year(scale)
                started = time.perf_counter()
                call_command(
                    "import_realisasi",
                    str(path),
                    year=scale.import_year,
                    verbosity=0,
                    stdout=open("/dev/null", "w"),
                    stderr=open("/dev/null", "w"),
                )
                seconds.append(time.perf_counter() - started)
        except Exception as exc:  # noqa: BLE001
            entry["error"] = f"{type(exc).__name__}: {exc}"
            return
        finally:
            clear_import_year(scale)
    entry["time"] = summarise(seconds)
    entry["rows_per_s"] = round(entry["rows"] / (entry["time"]["median_ms"] / 1000))
    sys.stderr.write(f"  {scale.key} import: {entry['rows_per_s']} baris/s\n")


def measure_kinerja(scale, operator, verifikator, out: dict) -> None:
    """Capaian kinerja at the scale's indicators (bench.generate: 5 per budget line, with the
    kegiatan and programs): the largest OPD's quarterly indicator page as its operator and as
    the verifikator, the Pemda's page, then a save of every indicator the operator's page
    shows. The meeting list of the same run is the yardstick. The Pemda page is measured warm
    (its content is cached per data stamp, as every reader after the first gets it); its first
    request in this process is recorded beside it."""
    from django.urls import reverse

    from opd.models import Opd
    from realisasi.models import Indikator

    entry = out.setdefault("kinerja", {})
    tahun, triwulan = scale.latest_year, scale.through_month // 3
    opd = Opd.objects.earliest("pk")
    entry["indikator"] = Indikator.objects.filter(fiscal_year__tahun=tahun).count()
    entry["opd_indikator"] = Indikator.objects.filter(fiscal_year__tahun=tahun, opd=opd).count()
    entry["lines"] = opd.budget_lines.filter(fiscal_year__tahun=tahun).count()
    entry["triwulan"] = triwulan
    opd_url = reverse("realisasi:kinerja", args=[opd.kode, tahun, triwulan])
    pages = {
        "meeting_list": (verifikator, reverse("rakor:meeting_list")),
        "opd_operator": (operator, opd_url),
        "opd_verifikator": (verifikator, opd_url),
        "pemda": (verifikator, reverse("reports:kinerja") + f"?tahun={tahun}&triwulan={triwulan}"),
    }
    measured = entry.setdefault("pages", {})
    for name, (client, url) in pages.items():
        page = measured.setdefault(name, {"url": url})
        get = timed_get(client, url)
        try:
            started = time.perf_counter()
            get()
            first = time.perf_counter() - started
        except Exception as exc:  # noqa: BLE001 - a broken page is a figure to report
            page["error"] = f"{type(exc).__name__}: {exc}"
            continue
        page["first_ms"] = round(first * 1000, 1)
        page["latency"] = repeat(get, warmup=2, runs=adaptive_runs(first))
        page["queries"] = count_queries(get)
        sys.stderr.write(
            f"  {scale.key} kinerja {name}: median {page['latency']['median_ms']} ms, p95 "
            f"{page['latency']['p95_ms']} ms, {page['queries']} queries\n"
        )
    _measure_kinerja_save(operator, opd_url, entry)


def _measure_kinerja_save(client, url: str, entry: dict) -> None:
    """Save every indicator the operator's page shows (one program), alternately +1 on each
    realization and back, the page fetched again before each save (it carries the tokens)."""
    get = timed_get(client, url)
    original = form_fields(get().content.decode(), "kinerja-form")
    real = [name for name in original if name.startswith("real-")]
    if not real:
        entry["save_error"] = "formulir kinerja tanpa isian real-<id>"
        return
    entry["saved_indikator"] = len(real)
    run = 0
    to_post: dict[str, str] = {}

    def load_form():
        nonlocal run, to_post
        fields = form_fields(get().content.decode(), "kinerja-form")
        run += 1
        for name in real:
            value = int(original[name].replace(".", "").split(",")[0] or 0)
            fields[name] = str(value + 1) if run % 2 else original[name]
        fields["aksi"] = "simpan"
        to_post = fields

    def save():
        response = post_form(client, url, to_post)
        if response.status_code != 302:
            raise RuntimeError(f"simpan kinerja ditolak: HTTP {response.status_code}")

    try:
        entry["save"] = repeat(save, warmup=2, runs=10, before=load_form)
        load_form()
        entry["save_queries"] = count_queries(save)
    except Exception as exc:  # noqa: BLE001
        entry["save_error"] = f"{type(exc).__name__}: {exc}"
    finally:
        fields = form_fields(get().content.decode(), "kinerja-form")
        post_form(client, url, {**fields, **{name: original[name] for name in real}})
    sys.stderr.write(f"  kinerja save: {json.dumps(entry.get('save'))}\n")


def session_cookie(client) -> str:
    from django.conf import settings

    return client.cookies[settings.SESSION_COOKIE_NAME].value


def main(argv=None):
    import django

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", required=True, choices=sorted(SCALES))
    parser.add_argument("--out", required=True)
    parser.add_argument("--parts", default="pages,report,import,kinerja")
    args = parser.parse_args(argv)
    scale = SCALES[args.scale]
    parts = set(args.parts.split(","))
    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from opd.models import User

    call_command("migrate", verbosity=0, interactive=False)
    # As rakor.wsgi does in every app server once the app is loaded.
    from rakor.startup import freeze_loaded_objects

    freeze_loaded_objects()
    out: dict = {"scale": scale.key, "tahun": scale.latest_year, "bulan": scale.through_month}
    verifikator = Client()
    verifikator.force_login(User.objects.get(username="bench.verifikator"))
    if "pages" in parts:
        out["session_cookie"] = session_cookie(verifikator)
    steps = {
        "pages": lambda: measure_pages(scale, verifikator, out),
        "report": lambda: measure_report(scale, operator_client(), out),
        "import": lambda: measure_import(scale, out) if scale.import_lines else None,
        "kinerja": lambda: measure_kinerja(scale, operator_client(), verifikator, out),
    }

    def operator_client():
        client = Client()
        client.force_login(User.objects.get(username="bench.operator"))
        return client

    for name, step in steps.items():
        if name in parts:
            try:
                step()
            except Exception:  # noqa: BLE001 - record and go on with the other figures
                out.setdefault("errors", {})[name] = traceback.format_exc(limit=3)
    Path(args.out).write_text(json.dumps(out, indent=2, default=str))


if __name__ == "__main__":
    main()
