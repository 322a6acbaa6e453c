"""The user import: the Pemda's accounts in bulk, with one-time passwords shown once."""

import os
import stat
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.hashers import check_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from opd.choices import Role
from opd.models import User
from realisasi.choices import JenisImpor
from realisasi.importers import ImportRejected, run_import
from realisasi.importers.template_files import csv_bytes, xlsx_bytes
from realisasi.models import ImportRecord
from tests.factories import OpdFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = ["username", "nama", "peran", "kode_opd", "nip", "email", "jabatan"]
DINKES, KEC = "1.02.0.00.0.00.01.0000", "7.01.0.00.0.00.01.0000"


@pytest.fixture
def opds():
    return {
        DINKES: OpdFactory(kode=DINKES, nama="Dinas Kesehatan"),
        KEC: OpdFactory(kode=KEC, nama="Kecamatan Wanadadi"),
    }


def rows():
    return [
        HEADER,
        ["op.dinkes", "Siti Rahmawati", "operator", DINKES, "198503122010012003", "", ""],
        ["pptk.dinkes.1", "Budi Santoso", "Pengelola/PPTK", DINKES, "", "budi@example.go.id", ""],
        ["bappeda", "Rina Kurnia", "verifikator", "", "19800101 200501 1 001", "", "Kabid"],
        ["sekda", "Drs. Ahmad", "pimpinan", "", "", "", "Sekretaris Daerah"],
    ]


def import_users(data, name="pengguna.csv", user=None):
    return run_import(JenisImpor.PENGGUNA, name, data, tahun=None, user=user)


def test_new_accounts_get_one_time_passwords_and_must_change_them(opds):
    result = import_users(csv_bytes(rows()))
    assert (result.total, result.added, result.changed, result.unchanged) == (4, 4, 0, 0)
    assert [username for username, _nama, _password in result.passwords] == [
        "op.dinkes",
        "pptk.dinkes.1",
        "bappeda",
        "sekda",
    ]
    for username, nama, password in result.passwords:
        user = User.objects.get(username=username)
        assert user.first_name == nama
        assert user.must_change_password and user.is_active
        assert user.check_password(password)
        assert len(password) == 23  # four groups of five and three dashes
    op = User.objects.get(username="op.dinkes")
    assert (op.role, op.opd.kode, op.nip) == (Role.OPERATOR, DINKES, "198503122010012003")
    bappeda = User.objects.get(username="bappeda")
    assert (bappeda.role, bappeda.opd, bappeda.nip) == (
        Role.VERIFIKATOR,
        None,
        "198001012005011001",
    )
    assert User.objects.get(username="pptk.dinkes.1").role == Role.PENGELOLA
    record = ImportRecord.objects.get()
    assert record.jenis == JenisImpor.PENGGUNA and record.fiscal_year is None
    # The passwords are nowhere in the record.
    assert all(password not in record.keterangan for _u, _n, password in result.passwords)


def test_bad_rows_are_named_and_nothing_is_written(opds):
    UserFactory(username="root", role=Role.ADMIN, opd=None, is_superuser=True)
    data = csv_bytes(
        [
            HEADER,
            ["op.dinkes", "Siti", "operator", DINKES, "", "", ""],
            ["op dua", "Dua", "operator", DINKES, "", "", ""],
            ["op.kec", "Tiga", "operator", "", "", "", ""],
            ["op.x", "Empat", "operator", "9.99", "", "", ""],
            ["OP.DINKES", "Lima", "operator", DINKES, "", "", ""],
            ["kabag", "Enam", "kepala", "", "", "", ""],
            ["admin2", "Tujuh", "admin", "", "", "", ""],
            ["root", "Delapan", "pimpinan", "", "", "", ""],
            ["nip", "Sembilan", "pimpinan", "", "1234", "bukan-email", ""],
            ["", "", "", "", "", "", ""],
            ["tanpa.nama", "", "pimpinan", "", "", "", ""],
        ]
    )
    with pytest.raises(ImportRejected) as refused:
        import_users(data)
    found = [(p.baris, p.kolom) for p in refused.value.problems]
    assert found == [
        (3, "username"),  # a space
        (4, "kode_opd"),  # an operator needs an OPD
        (5, "kode_opd"),  # no such OPD
        (6, "username"),  # op.dinkes again (case ignored)
        (7, "peran"),  # unknown role
        (8, "peran"),  # admins are not imported
        (9, "username"),  # an existing superuser is not changed
        (10, "nip"),
        (10, "email"),
        (12, "nama"),
    ]
    messages = {(p.baris, p.kolom): p.masalah for p in refused.value.problems}
    assert messages[(6, "username")] == "duplikat: 'OP.DINKES' sudah ada di baris 2."
    assert "pilih salah satu: operator, pengelola, verifikator, pimpinan" in messages[(7, "peran")]
    assert User.objects.count() == 1 and not ImportRecord.objects.exists()


def test_reimport_changes_nothing_and_returns_no_password(opds):
    data = csv_bytes(rows())
    import_users(data)
    hashes = dict(User.objects.values_list("username", "password"))
    again = import_users(data)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 4)
    assert again.passwords == []
    assert dict(User.objects.values_list("username", "password")) == hashes


def test_reimport_updates_roles_and_opds_without_touching_passwords(opds):
    first = import_users(csv_bytes(rows()))
    password = dict((u, p) for u, _n, p in first.passwords)["op.dinkes"]
    op = User.objects.get(username="op.dinkes")
    op.set_password("kata-sandi-pilihan-siti")
    op.must_change_password = False
    op.save()
    changed = rows()
    changed[1] = ["op.dinkes", "Siti Rahmawati", "pengelola", KEC, "", "", ""]
    result = import_users(csv_bytes(changed))
    assert (result.added, result.changed, result.unchanged) == (0, 1, 3)
    op.refresh_from_db()
    assert (op.role, op.opd.kode, op.nip) == (Role.PENGELOLA, KEC, "")
    assert op.check_password("kata-sandi-pilihan-siti") and not op.check_password(password)
    assert not op.must_change_password


def test_deactivating_is_explicit(opds):
    import_users(csv_bytes(rows()))
    only_two = [
        [*HEADER, "aktif"],
        ["op.dinkes", "Siti Rahmawati", "operator", DINKES, "198503122010012003", "", "", "tidak"],
        ["sekda", "Drs. Ahmad", "pimpinan", "", "", "", "Sekretaris Daerah", ""],
    ]
    result = import_users(csv_bytes(only_two))
    assert (result.changed, result.unchanged) == (1, 1)
    active = dict(User.objects.values_list("username", "is_active"))
    # Absent from the file: still active. Marked tidak: inactive.
    assert active == {"op.dinkes": False, "pptk.dinkes.1": True, "bappeda": True, "sekda": True}


def test_the_english_role_header_is_read_as_peran(opds):
    header = ["Username", "Nama Lengkap", "Role", "Kode OPD"]
    result = import_users(csv_bytes([header, ["op.dinkes", "Siti", "operator", DINKES]]))
    assert result.added == 1 and User.objects.get().role == Role.OPERATOR


def test_an_xlsx_with_the_template_columns_is_read(opds):
    data = xlsx_bytes(rows(), text_columns={"kode_opd", "nip", "username"})
    assert import_users(data, name="pengguna.xlsx").added == 4


def test_query_count_does_not_grow_with_the_accounts(opds, django_assert_max_num_queries):
    many = [HEADER] + [
        [f"op.{n}", f"Operator {n}", "operator", DINKES, "", "", ""] for n in range(225)
    ]
    # savepoint, OPDs, users, record insert, the INSERTs (one on PostgreSQL; five on SQLite,
    # whose 999-variable limit splits 225 rows of 24 columns), record update, release
    with django_assert_max_num_queries(11):
        result = import_users(csv_bytes(many))
    assert result.added == 225 and User.objects.filter(must_change_password=True).count() == 225


# --- the pages --------------------------------------------------------------------------------


def upload(client, data, name="pengguna.csv"):
    return client.post(
        reverse("realisasi:import_pengguna"), {"file": SimpleUploadedFile(name, data)}
    )


def test_the_admin_sees_the_passwords_once_and_downloads_them_once(client, admin_user, opds):
    client.force_login(admin_user)
    response = upload(client, csv_bytes(rows()))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "4 akun baru" in html and "op.dinkes" in html
    download = client.get(reverse("realisasi:import_passwords"))
    assert download.status_code == 200 and "no-store" in download["Cache-Control"]
    text = download.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0] == "username;nama;kata_sandi_sekali_pakai" and len(lines) == 5
    for line in lines[1:]:
        username, _nama, password = line.split(";")
        assert password in html  # the same passwords as shown
        assert check_password(password, User.objects.get(username=username).password)
    again = client.get(reverse("realisasi:import_passwords"))
    assert again.status_code == 302 and again["Location"] == reverse("realisasi:import_home")


def test_the_passwords_are_gone_after_ten_minutes_or_leaving_the_page(client, admin_user, opds):
    client.force_login(admin_user)
    with time_machine.travel("2026-02-05 10:00 +0700", tick=False) as traveller:
        upload(client, csv_bytes(rows()))
        traveller.shift(601)
        late = client.get(reverse("realisasi:import_passwords"))
    assert late.status_code == 302
    upload(client, csv_bytes([HEADER, ["baru", "Baru", "pimpinan", "", "", "", ""]]))
    client.get(reverse("realisasi:import_home"))
    assert client.get(reverse("realisasi:import_passwords")).status_code == 302


def test_a_verifikator_may_not_import_users(client, verifikator, opds):
    client.force_login(verifikator)
    assert upload(client, csv_bytes(rows())).status_code == 403
    assert not User.objects.filter(username="op.dinkes").exists()
    home = client.get(reverse("realisasi:import_home")).content.decode()
    assert "Impor Pengguna" not in home


def test_the_import_page_lists_the_user_import_for_the_admin(client, admin_user):
    client.force_login(admin_user)
    home = client.get(reverse("realisasi:import_home")).content.decode()
    assert "Impor Pengguna" in home and "<code>peran</code>*" in home


def test_the_command_writes_the_passwords_to_a_private_new_file(opds, tmp_path):
    source = tmp_path / "pengguna.csv"
    source.write_bytes(csv_bytes(rows()))
    target = tmp_path / "sandi.csv"
    out = StringIO()
    call_command("import_users", str(source), "--passwords", str(target), stdout=out)
    assert "4 kata sandi sekali pakai ditulis" in out.getvalue()
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    lines = target.read_text(encoding="utf-8-sig").strip().splitlines()
    username, _nama, password = lines[1].split(";")
    assert User.objects.get(username=username).check_password(password)
    with pytest.raises(CommandError, match="sudah ada"):
        call_command("import_users", str(source), "--passwords", str(target))
