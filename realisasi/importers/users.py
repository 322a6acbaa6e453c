"""The user import: the Pemda's accounts (operators, PPTK, verifikator, pimpinan) in bulk.

One row per account, keyed by username (case ignored). A new account gets a one-time password
(opd/passwords.py), returned in ImportResult.passwords to be shown once to the admin, and must
choose its own password at its first login. Re-importing updates name, NIP, e-mail, role, OPD
and jabatan and never touches a password. Accounts absent from the file are left as they are;
an account is deactivated only by `aktif = tidak` on its row. Admin accounts are neither made
nor changed here (createsuperuser and the admin site make them), so a user file cannot grant
or take away administration.
"""

import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from opd.access import OPD_ROLES
from opd.choices import Role
from opd.models import Opd
from opd.passwords import hash_one_time_password, new_one_time_password

from ..bulk import bulk_update
from ..choices import JenisImpor
from .base import Importer, Row, batched_create, norm_name
from .problems import ImportResult

IMPORTABLE_ROLES = (Role.OPERATOR, Role.PENGELOLA, Role.VERIFIKATOR, Role.PIMPINAN)
YES = {"ya", "y", "1", "aktif", "true"}
NO = {"tidak", "t", "0", "nonaktif", "non aktif", "false"}
_NIP_SPACES = re.compile(r"[\s.]+")
FIELDS = ["first_name", "last_name", "nip", "email", "role", "opd", "jabatan", "is_active"]


@dataclass
class UserRow:
    number: int
    username: str
    nama: str
    nip: str
    email: str
    role: str
    opd_id: int | None
    jabatan: str
    aktif: bool | None  # None: not given (new: active; existing: as it is)

    def values(self, current_active: bool) -> dict:
        return {
            "first_name": self.nama,
            "last_name": "",
            "nip": self.nip,
            "email": self.email,
            "role": self.role,
            "opd_id": self.opd_id,
            "jabatan": self.jabatan,
            "is_active": current_active if self.aktif is None else self.aktif,
        }


class UserImporter(Importer):
    jenis = JenisImpor.PENGGUNA
    required = ("username", "nama", "peran")
    optional = ("kode_opd", "nip", "email", "jabatan", "aktif")
    aliases = {"role": "peran", "nama_lengkap": "nama", "e_mail": "email", "opd": "kode_opd"}
    example = {
        "username": "op.dinkes",
        "nama": "Siti Rahmawati",
        "peran": "operator",
        "kode_opd": "1.02.0.00.0.00.01.0000",
        "nip": "198503122010012003",
        "email": "siti.rahmawati@example.go.id",
        "jabatan": "Pengelola Program dan Kegiatan",
        "aktif": "ya",
    }

    def __init__(self, tahun=None, **kwargs):
        super().__init__(tahun, **kwargs)
        self.passwords: list[tuple[str, str, str]] = []

    def describe(self) -> str:
        return _("pengguna")

    def lock_year(self):
        return None  # accounts belong to no fiscal year

    def prepare(self) -> None:
        self.opds = dict(Opd.objects.values_list("kode", "pk"))
        self.existing = {
            username.casefold(): (pk, username, is_superuser, role)
            for pk, username, is_superuser, role in get_user_model().objects.values_list(
                "pk", "username", "is_superuser", "role"
            )
        }
        self.seen: dict[str, int] = {}

    def check_row(self, row: Row):
        username = self.check_username(row)
        nama = row.text("nama", required=True, max_length=150)
        role = self.check_role(row)
        opd_id = self.check_opd(row, role)
        nip = self.check_nip(row)
        email = self.check_email(row)
        jabatan = row.text("jabatan", max_length=200)
        aktif = self.check_aktif(row)
        if not row.ok:
            return None
        return UserRow(row.number, username, nama, nip, email, role, opd_id, jabatan, aktif)

    def check_username(self, row: Row) -> str:
        username = row.text("username", required=True, max_length=150)
        if not username:
            return username
        try:
            UnicodeUsernameValidator()(username)
        except ValidationError:
            row.problem(
                "username",
                _("'%(v)s' tidak sah: hanya huruf, angka dan @ . + - _ tanpa spasi.")
                % {"v": username},
            )
            return username
        key = username.casefold()
        earlier = self.seen.setdefault(key, row.number)
        if earlier != row.number:
            row.problem(
                "username",
                _("duplikat: '%(v)s' sudah ada di baris %(r)s.") % {"v": username, "r": earlier},
            )
        existing = self.existing.get(key)
        if existing and (existing[2] or existing[3] == Role.ADMIN):
            row.problem(
                "username",
                _("'%(v)s' adalah akun admin; ubah akun admin di halaman Admin, bukan lewat impor.")
                % {"v": username},
            )
        return username

    def check_role(self, row: Row) -> str:
        value = row.text("peran", required=True, max_length=40)
        if not value:
            return ""
        lowered = norm_name(value)
        for role in IMPORTABLE_ROLES:
            if lowered in (role.value, norm_name(role.label)):
                return role.value
        if lowered in (Role.ADMIN.value, norm_name(Role.ADMIN.label)):
            row.problem(
                "peran",
                _(
                    "akun admin tidak dibuat lewat impor: gunakan createsuperuser atau "
                    "halaman Admin."
                ),
            )
        else:
            row.problem(
                "peran",
                _("'%(v)s' tidak dikenal; pilih salah satu: %(list)s.")
                % {"v": value, "list": ", ".join(role.value for role in IMPORTABLE_ROLES)},
            )
        return ""

    def check_opd(self, row: Row, role: str) -> int | None:
        kode = row.code("kode_opd", required=False, max_length=40)
        if not kode:
            if role in OPD_ROLES:
                row.problem(
                    "kode_opd",
                    _(
                        "wajib diisi untuk peran %(r)s: operator dan pengelola terhubung ke "
                        "satu OPD."
                    )
                    % {"r": role},
                )
            return None
        opd_id = self.opds.get(kode)
        if opd_id is None:
            row.problem(
                "kode_opd",
                _(
                    "OPD '%(k)s' belum ada: impor APBD (yang membuat OPD) lebih dulu, atau "
                    "tambahkan OPD di halaman Admin."
                )
                % {"k": kode},
            )
        return opd_id

    def check_nip(self, row: Row) -> str:
        nip = _NIP_SPACES.sub("", row.text("nip", max_length=40))
        if nip and not re.fullmatch(r"\d{18}", nip):
            row.problem(
                "nip", _("'%(v)s' bukan NIP: 18 angka (spasi boleh).") % {"v": row.raw("nip")}
            )
        return nip

    def check_email(self, row: Row) -> str:
        email = row.text("email", max_length=254)
        if email:
            try:
                validate_email(email)
            except ValidationError:
                row.problem("email", _("'%(v)s' bukan alamat e-mail yang sah.") % {"v": email})
        return email

    def check_aktif(self, row: Row) -> bool | None:
        value = norm_name(row.text("aktif", max_length=20))
        if not value:
            return None
        if value in YES:
            return True
        if value in NO:
            return False
        row.problem("aktif", _("'%(v)s' tidak dikenal: isi ya atau tidak.") % {"v": value})
        return None

    # --- writing ----------------------------------------------------------------------------

    def write(self, rows: list[UserRow], result: ImportResult) -> None:
        """Create the new accounts (one-time passwords) and update the others, never their
        password; runs inside the import's transaction."""
        User = get_user_model()
        current = {
            user.pk: user
            for user in User.objects.filter(
                pk__in=[
                    self.existing[row.username.casefold()][0]
                    for row in rows
                    if row.username.casefold() in self.existing
                ]
            )
        }
        create, update = [], []
        for done, row in enumerate(rows, start=1):
            self.report_progress("tulis", done, len(rows))
            existing = self.existing.get(row.username.casefold())
            if existing is None:
                password = new_one_time_password()
                user = User(
                    username=row.username,
                    password=hash_one_time_password(password),
                    must_change_password=True,
                    **row.values(current_active=True),
                )
                create.append(user)
                self.passwords.append((row.username, row.nama, password))
                result.added += 1
                continue
            user = current[existing[0]]
            values = row.values(current_active=user.is_active)
            if any(getattr(user, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(user, name, value)
                update.append(user)
                result.changed += 1
            else:
                result.unchanged += 1
        batched_create(User, create)
        bulk_update(update, FIELDS)
        result.passwords = list(self.passwords)
        deactivated = sum(1 for row in rows if row.aktif is False)
        if deactivated:
            self.notes.append(_("%(n)s akun ditandai tidak aktif.") % {"n": deactivated})
