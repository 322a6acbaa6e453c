"""Province mode against two real Rakor installations, started here on loopback ports with
their own databases: both pulled, ranked and summed; then one is stopped, and the dashboard
says it is unreachable while it still shows its last good figures; a day later the other's
figures are marked stale."""

import datetime
import io
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command

from opd.choices import Role
from rakor.province import Kabupaten, Tarikan
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Instance:
    def __init__(self, directory: Path, name: str, realisasi_rp: int):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
        } | {
            "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
            "DEBUG": "true",
            "DJANGO_SETTINGS_MODULE": "rakor.settings",
            "RAKOR_PEMDA_NAME": name,
            "PYTHONPATH": str(ROOT),
        }
        self.realisasi_rp = realisasi_rp
        self.server = None

    def run(self, *args) -> str:
        done = subprocess.run(
            [sys.executable, *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        return done.stdout

    def migrate(self):
        return subprocess.Popen(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=self.env,
        )

    def start(self):
        self.key = (
            self.run("-m", "tests.reports.province_instance", "seed", str(self.realisasi_rp))
            .strip()
            .splitlines()[-1]
        )
        self.rekap = json.loads(self.run("manage.py", "rekap", "--year", "2025", "--month", "3"))
        self.server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "rakor.wsgi",
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                "1",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "api/v1/schema/", timeout=5).read()
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"Rakor on port {self.port} did not start")

    def stop(self):
        if self.server and self.server.poll() is None:
            self.server.terminate()
            self.server.wait(timeout=30)


@pytest.fixture(scope="module")
def instances(tmp_path_factory):
    # Kabupaten Alfa: 400.000 / 1.000.000 = 40 %; Kota Beta: 700.000 / 1.000.000 = 70 %
    alfa = Instance(tmp_path_factory.mktemp("alfa"), "Kabupaten Alfa", 400_000)
    beta = Instance(tmp_path_factory.mktemp("beta"), "Kota Beta", 700_000)
    try:
        migrations = [alfa.migrate(), beta.migrate()]
        assert [m.wait(timeout=300) for m in migrations] == [0, 0]
        alfa.start()
        beta.start()
        yield alfa, beta
    finally:
        alfa.stop()
        beta.stop()


def page(client, user):
    client.force_login(user)
    return client.get("/provinsi/")


@pytest.mark.django_db
def test_the_province_sees_its_kabupaten(
    instances, settings, client, django_assert_max_num_queries
):
    settings.RAKOR_PROVINCE_MODE = True
    settings.RAKOR_PROVINCE_TIMEOUT = 5
    alfa, beta = instances
    ka = Kabupaten.objects.create(nama="Kabupaten Alfa", base_url=alfa.url, token=alfa.key)
    kb = Kabupaten.objects.create(nama="Kota Beta", base_url=beta.url, token=beta.key)
    gubernur = UserFactory(username="sekda-prov", role=Role.PIMPINAN, opd=None)

    out = io.StringIO()
    call_command("tarik_provinsi", "--year", "2025", "--month", "3", stdout=out)
    assert (
        "Kabupaten Alfa: 2025/3 OK" in out.getvalue() and "Kota Beta: 2025/3 OK" in out.getvalue()
    )
    # what was pulled is each Pemda's own rekap, as its `rekap` command prints it
    for kabupaten, instance in ((ka, alfa), (kb, beta)):
        pulled = Tarikan.objects.get(kabupaten=kabupaten)
        assert pulled.rekap["pemda"] == instance.rekap["pemda"]
        assert pulled.rekap["opd"] == instance.rekap["opd"]
        assert pulled.ringkasan["total"] == instance.rekap["pemda"]

    client.force_login(gubernur)
    # the session and user, the period of the menu, the kabupaten with their latest pulls'
    # ids, the pulls: flat in the number of Pemda
    with django_assert_max_num_queries(8):
        html = client.get("/provinsi/").content.decode()
    # ranking: Beta 70 % first, Alfa 40 % second; both current
    assert html.index("Kota Beta") < html.index("Kabupaten Alfa")
    assert "70,00" in html and "40,00" in html and html.count("Terkini") == 2
    # the province: (400.000 + 700.000) / 2.000.000 = 55 %, target 1.000.000 / 2.000.000 = 50 %
    assert "55,00 %" in html and "target 50,00 %" in html

    beta.stop()
    call_command("tarik_provinsi", "--year", "2025", "--month", "3", stdout=io.StringIO())
    assert not Tarikan.objects.filter(kabupaten=kb).latest("at", "pk").ok
    html = page(client, gubernur).content.decode()
    assert "Tidak terjangkau" in html and "tidak terjangkau (" in html
    assert "70,00" in html  # the last good figures are kept, never a blank
    assert html.count("Terkini") == 1

    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(hours=27)
    with time_machine.travel(later, tick=False):
        html = page(client, gubernur).content.decode()
    assert "Usang" in html and "Terkini" not in html


@pytest.mark.django_db
def test_only_in_province_mode_and_for_readers_of_every_opd(client, operator, pimpinan, settings):
    settings.RAKOR_PROVINCE_MODE = False
    assert page(client, pimpinan).status_code == 404
    settings.RAKOR_PROVINCE_MODE = True
    assert page(client, pimpinan).status_code == 200
    assert page(client, operator).status_code == 403


@pytest.mark.django_db
def test_the_scheduled_task_pulls_every_active_pemda_and_keeps_a_failed_pull():
    from rakor.tasks import pull_province

    port = free_port()  # nothing listens there
    Kabupaten.objects.create(
        nama="Kabupaten Mati", base_url=f"http://127.0.0.1:{port}", token="x", aktif=True
    )
    Kabupaten.objects.create(
        nama="Kabupaten Nonaktif", base_url=f"http://127.0.0.1:{port}", token="x", aktif=False
    )
    assert pull_province.delay().get() == 1  # eager without REDIS_URL, as in make run
    pull = Tarikan.objects.get()
    assert pull.kabupaten.nama == "Kabupaten Mati" and not pull.ok and pull.pesan_galat
